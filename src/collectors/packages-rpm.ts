// RPM packages from the SQLite rpmdb (rpm >= 4.16: Fedora, RHEL 9, Rocky, Alma, Amazon 2023).
// The database is read from a private snapshot (sqlite-snapshot.ts), never in place.
// Older Berkeley DB `Packages` files (RHEL 7/8, SLES 12) are read page by page (rpm/bdb-hash.ts),
// SUSE's ndb `Packages.db` (openSUSE Leap / SLES 15 SP3 and later) slot by slot (rpm/ndb.ts):
// both straight from the bytes, a damaged entry skipped with a warning.
import { basename } from 'node:path';
import type { FileStat, SystemView } from '../view/system-view.js';
import { Collected, type Collector } from './collector.js';
import { BdbError, bdbHashValues } from './rpm/bdb-hash.js';
import { NdbError, ndbPackages } from './rpm/ndb.js';
import { MAX_WARNINGS_PER_FILE, readBytesSafely, statSafely } from './read-safely.js';
import { withSqliteSnapshot } from './sqlite-snapshot.js';
import { TAG, parseRpmHeader, parseSourceRpm } from './rpm/rpm-header.js';

const DB_DIRS = ['/var/lib/rpm', '/usr/lib/sysimage/rpm'];
const MAX_FILE_BYTES = 1024 * 1024 * 1024;

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

// rpm's two databases that are not SQLite, each read whole from a bounded in-memory copy.
interface PackagesFile {
  readonly label: string;
  readonly formatError: new (...args: never[]) => Error;
  rows(file: Buffer, onBad: (message: string) => void): Iterable<{ hnum: number; blob: Buffer }>;
}

const BERKELEY_DB: PackagesFile = {
  label: 'Berkeley DB',
  formatError: BdbError,
  *rows(file, onBad) {
    let hnum = 0;
    for (const blob of bdbHashValues(file, onBad)) yield { hnum: hnum++, blob };
  },
};

const NDB: PackagesFile = {
  label: 'ndb',
  formatError: NdbError,
  *rows(file, onBad) {
    for (const { pkgidx, blob } of ndbPackages(file, onBad)) yield { hnum: pkgidx, blob };
  },
};

async function readPackagesFile(view: SystemView, path: string, format: PackagesFile, out: Collected<'packages'>): Promise<void> {
  const file = await readBytesSafely(view, path, out, MAX_FILE_BYTES);
  if (file === null) return;
  let bad = 0;
  const onBad = (message: string) => {
    bad += 1;
    if (bad <= MAX_WARNINGS_PER_FILE) out.warn(message, path);
  };
  // Collected first, so a database that turns out broken half-way still lists what it had.
  const rows: { hnum: number; blob: Buffer }[] = [];
  try {
    for (const row of format.rows(file, onBad)) rows.push(row);
  } catch (error) {
    if (!(error instanceof format.formatError)) throw error;
    out.warn(`not a readable ${format.label} rpm database: ${error.message}`, path);
  }
  packagesIn(rows, path, out);
  if (bad > MAX_WARNINGS_PER_FILE) out.warn(`${bad - MAX_WARNINGS_PER_FILE} more unreadable entries`, path);
}

export const rpmPackages: Collector<'packages'> = {
  name: 'packages-rpm',
  kind: 'packages',
  version: 3,
  liveOnly: false,
  needs: { files: DB_DIRS.flatMap((dir) => [`${dir}/rpmdb.sqlite`, `${dir}/rpmdb.sqlite-wal`, `${dir}/Packages`, `${dir}/Packages.db`]) },
  async collect(view: SystemView) {
    const out = new Collected(this);
    // /var/lib/rpm is often a symlink to /usr/lib/sysimage/rpm: read each database once.
    const seen = new Set<string>();
    const firstVisit = (path: string, stat: FileStat) => {
      const key = `${basename(path)}:${stat.size}:${stat.mtimeMs}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    };
    for (const dir of DB_DIRS) {
      const sqlite = `${dir}/rpmdb.sqlite`;
      const stat = await statSafely(view, sqlite, out);
      if (stat?.type === 'file') {
        if (firstVisit(sqlite, stat)) {
          await withSqliteSnapshot(view, sqlite, out, (db) => packagesIn(db.prepare('SELECT hnum, blob FROM Packages').all() as { hnum: number; blob: Buffer }[], sqlite, out));
        }
        continue;
      }
      // SUSE's rpm is configured for ndb, so where a converted system kept its old Berkeley DB
      // file beside Packages.db, the ndb one is the live database.
      const ndb = `${dir}/Packages.db`;
      const ndbStat = await statSafely(view, ndb, out);
      const bdb = `${dir}/Packages`;
      const bdbStat = await statSafely(view, bdb, out);
      if (ndbStat?.type === 'file') {
        if (!firstVisit(ndb, ndbStat)) continue;
        if (bdbStat?.type === 'file') out.warn('Berkeley DB Packages beside ndb Packages.db: not read, rpm uses Packages.db', bdb);
        await readPackagesFile(view, ndb, NDB, out);
      } else if (bdbStat?.type === 'file' && firstVisit(bdb, bdbStat)) {
        await readPackagesFile(view, bdb, BERKELEY_DB, out);
      }
    }
    return out.output();
  },
};
