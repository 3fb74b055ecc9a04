// The sample advisory database shipped for the demo and for `palisade scan` without --db: built
// from the real OSV records of ../shared/corpora (osv/ and the Debian/Alpine records of
// osv-derived/) the first time it is needed, then reused.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AdvisoryDatabase } from './advisory-db.js';
import { importOsv, type ImportReport } from './importer.js';

// Both src/vulndb/*.ts and the built dist/vulndb/*.js sit two levels below the project root.
const root = new URL('../../', import.meta.url);

export const SAMPLE_DATABASE_PATH = fileURLToPath(new URL('data/advisories-sample.db', root));
/** Where `palisade db import` writes and `palisade scan` reads when no --db is given. */
export const DEFAULT_DATABASE_PATH = fileURLToPath(new URL('data/advisories.db', root));

export const SAMPLE_SOURCES: readonly string[] = ['osv', 'osv-derived/debian', 'osv-derived/alpine'].map((sub) => fileURLToPath(new URL(`../shared/corpora/${sub}`, root)));

/** Builds the sample database at `path` from the corpus (replacing any file there). */
export async function buildSampleDatabase(path: string, now: () => Date = () => new Date()): Promise<ImportReport> {
  const missing = SAMPLE_SOURCES.filter((dir) => !existsSync(dir));
  if (missing.length > 0) throw new Error(`cannot build the sample advisory database: ${missing.join(', ')} not found`);
  mkdirSync(dirname(path), { recursive: true });
  // Built beside its final place and renamed, so a reader never sees half a database.
  const partial = `${path}.partial-${process.pid}`;
  rmSync(partial, { force: true });
  const db = AdvisoryDatabase.open(partial, { writable: true });
  try {
    const report = await importOsv(db, SAMPLE_SOURCES, { now });
    db.close();
    renameSync(partial, path);
    return report;
  } catch (error) {
    db.close();
    rmSync(partial, { force: true });
    throw error;
  }
}

/** The sample database's path, built from the corpus first if it is missing. */
export async function ensureSampleDatabase(path: string = SAMPLE_DATABASE_PATH): Promise<string> {
  if (!existsSync(path)) await buildSampleDatabase(path);
  return path;
}

/** The database a scan uses: the one given, else the imported default, else the sample. */
export async function resolveDatabasePath(explicit: string | undefined): Promise<string> {
  if (explicit) return explicit;
  if (existsSync(DEFAULT_DATABASE_PATH)) return DEFAULT_DATABASE_PATH;
  return ensureSampleDatabase();
}
