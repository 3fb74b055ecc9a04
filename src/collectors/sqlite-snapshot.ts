// Opens an SQLite database found in a view (rpmdb.sqlite, lastlog2.db) without touching it: the
// file and its write-ahead log are copied into a private temporary directory and opened there,
// so committed transactions still in the log are seen and the scanned tree is never written.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FactKind } from '../model/inventory.js';
import type { SystemView } from '../view/system-view.js';
import type { Collected } from './collector.js';
import { readBytesSafely } from './read-safely.js';

const MAX_DB_BYTES = 1024 * 1024 * 1024;

/** Runs `use` on a private copy of the database at `path`; null when missing or unreadable (then noted). */
export async function withSqliteSnapshot<T, K extends FactKind>(
  view: SystemView,
  path: string,
  out: Collected<K>,
  use: (db: Database.Database) => T,
): Promise<T | null> {
  const main = await readBytesSafely(view, path, out, MAX_DB_BYTES);
  if (main === null) return null;
  const wal = await readBytesSafely(view, `${path}-wal`, out, MAX_DB_BYTES);
  const scratch = await mkdtemp(join(tmpdir(), 'palisade-sqlite-'));
  try {
    await writeFile(join(scratch, 'db'), main);
    if (wal !== null && wal.length > 0) await writeFile(join(scratch, 'db-wal'), wal);
    const db = new Database(join(scratch, 'db'), { fileMustExist: true });
    try {
      return use(db);
    } finally {
      db.close();
    }
  } catch (error) {
    out.warn(`not a readable SQLite database: ${error instanceof Error ? error.message : String(error)}`, path);
    return null;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
