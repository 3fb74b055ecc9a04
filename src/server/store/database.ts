// Opens the store: SQLite (better-sqlite3, the embedded default) or PostgreSQL, chosen by URL.
// This is the one place the two databases differ (STYLE.md habit 9); everything above speaks Kysely.
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import type { Migration as KyselyMigration } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations/index.js';
import type { DialectName } from './migrations/index.js';
import type { Database } from './schema.js';

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  close(): Promise<void>;
}

// PostgreSQL returns bigint (int8) as strings by default; our counters fit in a double.
pg.types.setTypeParser(20, (value) => Number(value));

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export async function openStore(url: string): Promise<Store> {
  const dialect: DialectName = isPostgresUrl(url) ? 'postgres' : 'sqlite';
  const db =
    dialect === 'postgres'
      ? new Kysely<Database>({ dialect: new PostgresDialect({ pool: openPool(url) }) })
      : new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqlite(url) }) });
  const store: Store = { db, dialect, close: () => db.destroy() };
  try {
    await migrate(store);
  } catch (error) {
    await db.destroy();
    throw new Error(`store ${redact(url)}: migration failed: ${(error as Error).message}`, { cause: error });
  }
  return store;
}

function openPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the database closes (a restart, an administrator) is an 'error' on the
  // pool; unheard, it would end the process. The pool drops that connection and opens a new one
  // for the next query, whose own failure, if the database is really gone, reaches the caller.
  pool.on('error', (error) => process.emitWarning(`PostgreSQL connection lost: ${error.message}`, 'PalisadeStoreWarning'));
  return pool;
}

function openSqlite(url: string): SQLite.Database {
  const path = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url;
  // The store holds password hashes and credentials digests: readable by its owner only.
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const database = new SQLite(path);
  if (path !== ':memory:') chmodSync(path, 0o600);
  // WAL lets the console read while ingestion writes; NORMAL is durable at every checkpoint and
  // loses at most the last transactions on power loss, never corrupts (sqlite.org/wal.html).
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return database;
}

async function migrate(store: Store): Promise<void> {
  const provided: Record<string, KyselyMigration> = {};
  for (const migration of migrations) {
    provided[migration.name] = { up: (db) => migration.up(db, store.dialect) };
  }
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: async () => provided },
    migrationTableName: 'palisade_migrations',
    migrationLockTableName: 'palisade_migrations_lock',
    // Migration numbers are handed out before the work lands, so 006 may land after 008: a store
    // already at 008 then applies 006 instead of refusing to start. Each migration creates its own
    // tables, so the order between independently numbered ones does not matter.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new Error(failed ? `${failed.migrationName}: ${String(error)}` : String(error));
  }
}

/** A database URL without its password, for logs and errors. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
