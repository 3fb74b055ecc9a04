// RPM packages from the SQLite rpmdb (rpm >= 4.16: Fedora, RHEL 9, Rocky, Alma, Amazon 2023).
// The database is read from a private snapshot (sqlite-snapshot.ts), never in place.
// Older Berkeley DB `Packages` files (RHEL 7/8) are read page by page (rpm/bdb-hash.ts). SUSE's
// ndb (`Packages.db`) is not read yet: it is reported, so such an image does not look empty.
import type { SystemView } from '../view/system-view.js';
import { Collected, type Collector } from './collector.js';
import { BdbError, bdbHashValues } from './rpm/bdb-hash.js';
import { MAX_WARNINGS_PER_FILE, readBytesSafely, statSafely } from './read-safely.js';
import { withSqliteSnapshot } from './sqlite-snapshot.js';
import { TAG, parseRpmHeader, parseSourceRpm } from './rpm/rpm-header.js';

const DB_DIRS = ['/var/lib/rpm', '/usr/lib/sysimage/rpm'];
const MAX_BDB_BYTES = 1024 * 1024 * 1024;

function packagesIn(rows: Iterable<{ hnum: number; blob: Buffer }>, path: string, out: Collected<'packages'>): void {
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
      const epochPrefix = epoch !== null && epoch > 0 ? `${epoch}:` : '';
      const full = `${epochPrefix}${version}${release ? `-${release}` : ''}`;
      const sourceRpm = header.string(TAG.sourceRpm);
      const source = sourceRpm ? parseSourceRpm(sourceRpm) : null;
      out.items.push({
        name,
        version: full,
        architecture: header.string(TAG.arch),
        sourceName: source?.name ?? name,
        sourceVersion: source ? `${epochPrefix}${source.version}` : full,
        format: 'rpm',
        database: path,
      });
    } catch (error) {
      bad += 1;
      if (bad <= MAX_WARNINGS_PER_FILE) out.warn(`package row ${row.hnum}: ${error instanceof Error ? error.message : String(error)}`, path);
    }
  }
  if (bad > MAX_WARNINGS_PER_FILE) out.warn(`${bad - MAX_WARNINGS_PER_FILE} more unreadable package rows`, path);
}

async function readBerkeleyDb(view: SystemView, path: string, out: Collected<'packages'>): Promise<void> {
  const file = await readBytesSafely(view, path, out, MAX_BDB_BYTES);
  if (file === null) return;
  let bad = 0;
  const onBad = (message: string) => {
    bad += 1;
    if (bad <= MAX_WARNINGS_PER_FILE) out.warn(message, path);
  };
  try {
    // Collected first, so a database that turns out broken half-way still lists what it had.
    const values: { hnum: number; blob: Buffer }[] = [];
    let index = 0;
    for (const blob of bdbHashValues(file, onBad)) values.push({ hnum: index++, blob });
    packagesIn(values, path, out);
  } catch (error) {
    if (!(error instanceof BdbError)) throw error;
    out.warn(`not a readable Berkeley DB rpm database: ${error.message}`, path);
  }
  if (bad > MAX_WARNINGS_PER_FILE) out.warn(`${bad - MAX_WARNINGS_PER_FILE} more unreadable entries`, path);
}

export const rpmPackages: Collector<'packages'> = {
  name: 'packages-rpm',
  kind: 'packages',
  version: 2,
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
        await withSqliteSnapshot(view, sqlite, out, (db) => packagesIn(db.prepare('SELECT hnum, blob FROM Packages').all() as { hnum: number; blob: Buffer }[], sqlite, out));
        continue;
      }
      const bdb = `${dir}/Packages`;
      const bdbStat = await statSafely(view, bdb, out);
      if (bdbStat?.type === 'file' && !seen.has(`${bdbStat.size}:${bdbStat.mtimeMs}`)) {
        seen.add(`${bdbStat.size}:${bdbStat.mtimeMs}`);
        await readBerkeleyDb(view, bdb, out);
      }
      const ndb = `${dir}/Packages.db`;
      if ((await statSafely(view, ndb, out))?.type === 'file') {
        out.warn('rpm database in ndb format (SUSE): not read by this version, packages not listed', ndb);
      }
    }
    return out.output();
  },
};
