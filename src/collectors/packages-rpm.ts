// RPM packages from the SQLite rpmdb (rpm >= 4.16: Fedora, RHEL 9, Rocky, Alma, Amazon 2023).
// The database is read from a private snapshot (sqlite-snapshot.ts), never in place.
// Older Berkeley DB (`Packages`) and SUSE's ndb (`Packages.db`) databases are not read yet: they
// are reported, so a RHEL 8 image does not look like it has no packages.
import type Database from 'better-sqlite3';
import type { SystemView } from '../view/system-view.js';
import { Collected, type Collector } from './collector.js';
import { MAX_WARNINGS_PER_FILE, statSafely } from './read-safely.js';
import { withSqliteSnapshot } from './sqlite-snapshot.js';
import { TAG, parseRpmHeader, parseSourceRpm } from './rpm/rpm-header.js';

const DB_DIRS = ['/var/lib/rpm', '/usr/lib/sysimage/rpm'];

function packagesIn(db: Database.Database, path: string, out: Collected<'packages'>): void {
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
        await withSqliteSnapshot(view, sqlite, out, (db) => packagesIn(db, sqlite, out));
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
