// The advisory database file: open (read-only for matching), look advisories up by ecosystem and
// package name (the AdvisorySource the matcher uses), and describe itself (`palisade db info`).
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { OsvRecord } from '../model/advisory.js';
import type { AdvisorySource } from '../engines/advisory/matcher.js';
import { DDL, FORMAT } from './schema.js';

export interface SourceInfo {
  readonly location: string;
  readonly importedAt: string;
  readonly records: number;
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly withdrawn: number;
  readonly skipped: number;
}

export interface DatabaseInfo {
  readonly path: string;
  readonly format: number;
  readonly builtAt: string | null;
  readonly advisories: number;
  readonly withdrawn: number;
  readonly packages: number;
  readonly ecosystems: readonly { readonly ecosystem: string; readonly advisories: number }[];
  readonly sources: readonly SourceInfo[];
}

export class AdvisoryDatabaseError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AdvisoryDatabaseError';
  }
}

export class AdvisoryDatabase implements AdvisorySource {
  private readonly idsFor: Database.Statement<[string, string], string>;
  private readonly recordOf: Database.Statement<[string], string>;
  // Parsed records by id: a package set asks for the same popular advisories many times.
  private readonly parsed = new Map<string, OsvRecord>();

  private constructor(
    readonly path: string,
    readonly sql: Database.Database,
  ) {
    // Ids come from the index alone (a covering primary key); a record's text is read and parsed
    // only the first time it is asked for.
    this.idsFor = sql.prepare<[string, string], string>('SELECT advisory_id FROM affected WHERE ecosystem = ? AND name = ?').pluck();
    this.recordOf = sql.prepare<[string], string>('SELECT record FROM advisories WHERE id = ?').pluck();
  }

  /** Opens an existing database; `writable` creates it when missing (for import). */
  static open(path: string, options: { writable?: boolean } = {}): AdvisoryDatabase {
    if (!options.writable && !existsSync(path)) throw new AdvisoryDatabaseError(`advisory database ${path} does not exist (create it with \`palisade db import\`)`);
    let sql: Database.Database;
    try {
      sql = new Database(path, { readonly: !options.writable, fileMustExist: !options.writable });
    } catch (error) {
      throw new AdvisoryDatabaseError(`cannot open advisory database ${path}: ${(error as Error).message}`, { cause: error });
    }
    try {
      // Reads go through memory-mapped pages instead of read() calls: a scan touches scattered records.
      sql.pragma('mmap_size = 268435456');
      if (options.writable) {
        sql.exec(DDL);
        sql.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('format', String(FORMAT));
      }
      const format = (sql.prepare("SELECT value FROM meta WHERE key = 'format'").get() as { value: string } | undefined)?.value;
      if (format !== String(FORMAT)) throw new AdvisoryDatabaseError(`${path} is not a Palisade advisory database of format ${FORMAT} (found ${format ?? 'none'})`);
    } catch (error) {
      sql.close();
      if (error instanceof AdvisoryDatabaseError) throw error;
      throw new AdvisoryDatabaseError(`${path} is not a Palisade advisory database: ${(error as Error).message}`, { cause: error });
    }
    return new AdvisoryDatabase(path, sql);
  }

  advisoryById(id: string): OsvRecord | undefined {
    let record = this.parsed.get(id);
    if (!record) {
      const text = this.recordOf.get(id);
      if (text === undefined) return undefined;
      // Validated when imported; the file is ours, so it is read back as stored.
      record = JSON.parse(text) as OsvRecord;
      if (this.parsed.size > 20_000) this.parsed.clear();
      this.parsed.set(id, record);
    }
    return record;
  }

  advisoriesFor(ecosystem: string, name: string): readonly OsvRecord[] {
    const records: OsvRecord[] = [];
    for (const id of this.idsFor.all(ecosystem, name)) {
      const record = this.advisoryById(id);
      if (record) records.push(record);
    }
    return records;
  }

  /** Forgets parsed records after the file changed (an import through this handle). */
  invalidate(): void {
    this.parsed.clear();
  }

  info(): DatabaseInfo {
    const one = <T>(query: string) => this.sql.prepare(query).get() as T;
    const sources = this.sql
      .prepare('SELECT location, imported_at AS importedAt, records, added, updated, unchanged, withdrawn, skipped FROM sources ORDER BY id')
      .all() as SourceInfo[];
    return {
      path: this.path,
      format: FORMAT,
      builtAt: one<{ value: string } | undefined>("SELECT value FROM meta WHERE key = 'built_at'")?.value ?? null,
      advisories: one<{ n: number }>('SELECT count(*) AS n FROM advisories').n,
      withdrawn: one<{ n: number }>('SELECT count(*) AS n FROM advisories WHERE withdrawn IS NOT NULL').n,
      packages: one<{ n: number }>('SELECT count(*) AS n FROM (SELECT DISTINCT ecosystem, name FROM affected)').n,
      ecosystems: this.sql.prepare('SELECT ecosystem, count(DISTINCT advisory_id) AS advisories FROM affected GROUP BY ecosystem ORDER BY ecosystem').all() as { ecosystem: string; advisories: number }[],
      sources,
    };
  }

  close(): void {
    this.sql.close();
  }
}
