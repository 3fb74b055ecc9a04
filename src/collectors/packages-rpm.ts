// RPM packages from the SQLite rpmdb (rpm >= 4.16: Fedora, RHEL 9, Rocky, Alma, Amazon 2023).
// The database file is copied with its write-ahead log into a private temporary directory and
// opened there, so transactions still in the log are read and the scanned tree is never written.
// Older Berkeley DB (`Packages`) and SUSE's ndb (`Packages.db`) databases are not read yet: they
// are reported, so a RHEL 8 image does not look like it has no packages.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { SystemView } from '../view/system-view.js';
import { Collected, type Collector } from './collector.js';
import { MAX_WARNINGS_PER_FILE, readBytesSafely, statSafely } from './read-safely.js';
import { TAG, parseRpmHeader, parseSourceRpm } from './rpm/rpm-header.js';

const DB_DIRS = ['/var/lib/rpm', '/usr/lib/sysimage/rpm'];
const MAX_DB_BYTES = 1024 * 1024 * 1024;

async function readSqliteDb(view: SystemView, path: string, out: Collected<'packages'>): Promise<void> {
  const main = await readBytesSafely(view, path, out, MAX_DB_BYTES);
  if (main === null) return;
  const wal = await readBytesSafely(view, `${path}-wal`, out, MAX_DB_BYTES);
  const scratch = await mkdtemp(join(tmpdir(), 'palisade-rpmdb-'));
  try {
    await writeFile(join(scratch, 'rpmdb.sqlite'), main);
    if (wal !== null && wal.length > 0) await writeFile(join(scratch, 'rpmdb.sqlite-wal'), wal);
    const db = new Database(join(scratch, 'rpmdb.sqlite'), { fileMustExist: true });
    try {
      const rows = db.prepare('SELECT hnum, blob FROM Packages').all() as { hnum: number; blob: Buffer }[];
      let bad = 0;
      for (const row of rows) {
        try {
          const header = parseRpmHeader(row.blob);
          const name = header.string(TAG.name);
          const version = header.string(TAG.version);
          const release = header.string(TAG.release);
          // gpg-pubkey entries are imported signing keys, not software.
          if (!name || !version || name === 'gpg-pubkey') continue;
          const epoch = header.int32(TAG.epoch);
          const full = `${epoch !== null && epoch > 0 ? `${epoch}:` : ''}${version}${release ? `-${release}` : ''}`;
          const sourceRpm = header.string(TAG.sourceRpm);
          const source = sourceRpm ? parseSourceRpm(sourceRpm) : null;
          out.items.push({
            name,
            version: full,
            architecture: header.string(TAG.arch),
            sourceName: source?.name ?? name,
            sourceVersion: source ? `${epoch !== null && epoch > 0 ? `${epoch}:` : ''}${source.version}` : full,
            format: 'rpm',
            database: path,
          });
        } catch (error) {
          bad += 1;
          if (bad <= MAX_WARNINGS_PER_FILE) out.warn(`package row ${row.hnum}: ${error instanceof Error ? error.message : String(error)}`, path);
        }
      }
      if (bad > MAX_WARNINGS_PER_FILE) out.warn(`${bad - MAX_WARNINGS_PER_FILE} more unreadable package rows`, path);
    } finally {
      db.close();
    }
  } catch (error) {
    out.warn(`not a readable rpm SQLite database: ${error instanceof Error ? error.message : String(error)}`, path);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

export const rpmPackages: Collector<'packages'> = {
  name: 'packages-rpm',
  kind: 'packages',
  version: 1,
  liveOnly: false,
  needs: { files: DB_DIRS.flatMap((dir) => [`${dir}/rpmdb.sqlite`, `${dir}/rpmdb.sqlite-wal`, `${dir}/Packages`, `${dir}/Packages.db`]) },
  async collect(view: SystemView) {
    const out = new Collected(this);
    const seen = new Set<string>();
    for (const dir of DB_DIRS) {
      const sqlite = `${dir}/rpmdb.sqlite`;
      const stat = await statSafely(view, sqlite, out);
      if (stat?.type === 'file') {
        // /var/lib/rpm is often a symlink to /usr/lib/sysimage/rpm: read the database once.
        const key = `${stat.size}:${stat.mtimeMs}`;
        if (seen.has(key)) continue;
        seen.add(key);
        await readSqliteDb(view, sqlite, out);
        continue;
      }
      for (const legacy of ['Packages', 'Packages.db']) {
        const path = `${dir}/${legacy}`;
        if ((await statSafely(view, path, out))?.type === 'file') {
          out.warn('rpm database in Berkeley DB / ndb format: not read by this version, packages not listed', path);
        }
      }
    }
    return out.output();
  },
};
