// `palisade db import`: OSV records into the database file. Each import argument becomes one
// row of `sources` with its counts. A record already stored unchanged is left alone; a changed
// one (including one now withdrawn) replaces the stored one and its index rows. A malformed
// record is reported with its file name and skipped; it never aborts the import.
import { affectedPackages, parseOsvRecord } from '../engines/advisory/osv-record.js';
import { normalizePackageName } from '../engines/advisory/package-name.js';
import type { AdvisoryDatabase } from './advisory-db.js';
import { readOsvItems } from './osv-files.js';

export interface SourceReport {
  readonly location: string;
  records: number;
  added: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
  skipped: number;
}

export interface ImportReport {
  readonly sources: readonly SourceReport[];
  /** One line per skipped record: file (or archive entry) and what is wrong. */
  readonly errors: readonly string[];
}

export interface ImportOptions {
  readonly now: () => Date;
  /** Called every few thousand records (progress on a TTY). */
  readonly onProgress?: (location: string, records: number) => void;
  /** Errors kept in the report; the rest are only counted. */
  readonly maxErrors?: number;
}

const BATCH = 5_000;

export async function importOsv(db: AdvisoryDatabase, paths: readonly string[], options: ImportOptions): Promise<ImportReport> {
  const { sql } = db;
  const errors: string[] = [];
  const maxErrors = options.maxErrors ?? 1_000;
  const sources: SourceReport[] = [];
  const existing = sql.prepare<[string], { record: string; withdrawn: string | null }>('SELECT record, withdrawn FROM advisories WHERE id = ?');
  const upsert = sql.prepare('INSERT INTO advisories (id, modified, withdrawn, source_id, record) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET modified = excluded.modified, withdrawn = excluded.withdrawn, source_id = excluded.source_id, record = excluded.record');
  const unindex = sql.prepare('DELETE FROM affected WHERE advisory_id = ?');
  const index = sql.prepare('INSERT OR IGNORE INTO affected (ecosystem, name, advisory_id) VALUES (?, ?, ?)');
  const addSource = sql.prepare('INSERT INTO sources (location, imported_at, records, added, updated, unchanged, withdrawn, skipped) VALUES (?, ?, 0, 0, 0, 0, 0, 0)');
  const finishSource = sql.prepare('UPDATE sources SET records = ?, added = ?, updated = ?, unchanged = ?, withdrawn = ?, skipped = ? WHERE id = ?');

  for (const path of paths) {
    const report: SourceReport = { location: path, records: 0, added: 0, updated: 0, unchanged: 0, withdrawn: 0, skipped: 0 };
    sources.push(report);
    const sourceId = Number(addSource.run(path, options.now().toISOString()).lastInsertRowid);
    const skip = (message: string) => {
      report.skipped++;
      if (errors.length < maxErrors) errors.push(message);
    };
    let pending: { id: string; modified: string; withdrawn: string | null; text: string; packages: { ecosystem: string; name: string }[] }[] = [];
    const flush = sql.transaction(() => {
      for (const item of pending) {
        const before = existing.get(item.id);
        if (before?.record === item.text) {
          report.unchanged++;
          continue;
        }
        if (before) report.updated++;
        else report.added++;
        if (item.withdrawn !== null && (!before || before.withdrawn === null)) report.withdrawn++;
        upsert.run(item.id, item.modified, item.withdrawn, sourceId, item.text);
        unindex.run(item.id);
        for (const p of item.packages) index.run(p.ecosystem, normalizePackageName(p.ecosystem, p.name), item.id);
      }
      pending = [];
    });
    for await (const item of readOsvItems(path)) {
      if ('error' in item) {
        skip(item.error);
        continue;
      }
      const parsed = parseOsvRecord(item.value, item.where);
      if (!parsed.ok) {
        skip(parsed.error);
        continue;
      }
      report.records++;
      const { record } = parsed;
      // The stored text is the record as published (unknown fields kept), in one canonical form.
      pending.push({ id: record.id, modified: record.modified, withdrawn: record.withdrawn ?? null, text: JSON.stringify(item.value), packages: affectedPackages(record) });
      if (pending.length >= BATCH) {
        flush();
        options.onProgress?.(path, report.records);
      }
    }
    flush();
    finishSource.run(report.records, report.added, report.updated, report.unchanged, report.withdrawn, report.skipped, sourceId);
  }
  sql.prepare("INSERT INTO meta (key, value) VALUES ('built_at', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(options.now().toISOString());
  db.invalidate();
  return { sources, errors };
}
