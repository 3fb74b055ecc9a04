// The server's advisory database as the API describes it: what it holds and where it came from,
// and the state of its refresh from a mirror (PALISADE_ADVISORY_SOURCE).
import { z } from 'zod';
import { Timestamp } from './common.js';

/** One import that built the database: a mirror file, directory or archive and its counts. */
export const AdvisorySourceImport = z.object({
  location: z.string(),
  importedAt: Timestamp,
  records: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  withdrawn: z.number().int(),
  skipped: z.number().int(),
});
export type AdvisorySourceImport = z.infer<typeof AdvisorySourceImport>;

export const AdvisoryDatabaseContents = z.object({
  /** True while the bundled sample is in use (no database configured, or none refreshed yet). */
  sample: z.boolean(),
  builtAt: Timestamp.nullable(),
  advisories: z.number().int(),
  withdrawn: z.number().int(),
  packages: z.number().int(),
  ecosystems: z.array(z.object({ ecosystem: z.string(), advisories: z.number().int() })),
  sources: z.array(AdvisorySourceImport),
});
export type AdvisoryDatabaseContents = z.infer<typeof AdvisoryDatabaseContents>;

/**
 * `imported`: the mirror changed and the new database is in use; `unchanged`: nothing to fetch
 * (HTTP 304, or the directory's files as before); `failed`: the previous database stays in use.
 */
export const RefreshOutcome = z.enum(['imported', 'unchanged', 'failed']);
export type RefreshOutcome = z.infer<typeof RefreshOutcome>;

export const RefreshAttempt = z.object({
  startedAt: Timestamp,
  finishedAt: Timestamp,
  outcome: RefreshOutcome,
  /** Why it failed, naming the file or URL. */
  error: z.string().nullable(),
  /** Advisories in the new database (imported only). */
  advisories: z.number().int().nullable(),
  /** Records the import skipped as malformed, with the first few reasons. */
  skipped: z.number().int(),
  problems: z.array(z.string()),
  /** Detection re-run over every tenant after an import. */
  detection: z.object({ hosts: z.number().int(), found: z.number().int(), fixed: z.number().int() }).nullable(),
});
export type RefreshAttempt = z.infer<typeof RefreshAttempt>;

export const AdvisoryRefreshState = z.object({
  /** The mirror, credentials removed; null when the database is not refreshed by the server. */
  source: z.string().nullable(),
  intervalHours: z.number().int(),
  running: z.boolean(),
  lastAttempt: RefreshAttempt.nullable(),
  /** When the database in use was last imported from the mirror. */
  lastImportAt: Timestamp.nullable(),
  nextAt: Timestamp.nullable(),
});
export type AdvisoryRefreshState = z.infer<typeof AdvisoryRefreshState>;

export const AdvisoryDatabaseStatus = z.object({
  database: AdvisoryDatabaseContents.nullable(),
  refresh: AdvisoryRefreshState,
});
export type AdvisoryDatabaseStatus = z.infer<typeof AdvisoryDatabaseStatus>;
