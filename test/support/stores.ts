// Every store test runs on both databases (STYLE.md habit 9): SQLite in a temporary file, and a
// fresh PostgreSQL database on the real server (PALISADE_TEST_POSTGRES_URL, by default the local
// cluster on 127.0.0.1:5432), dropped afterwards.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { needService } from './services.js';

export const postgresAdminUrl = process.env.PALISADE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  readonly dialect: 'sqlite' | 'postgres';
  readonly url: string;
  drop(): Promise<void>;
}

let postgresCheck: Promise<{ available: boolean; reason: string }> | undefined;

function checkPostgres() {
  postgresCheck ??= (async () => {
    const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return { available: true, reason: '' };
    } catch (error) {
      return { available: false, reason: `cannot connect to ${postgresAdminUrl}: ${(error as Error).message}` };
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return postgresCheck;
}

export function sqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-store-'));
  return { dialect: 'sqlite', url: join(dir, 'palisade.db'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh PostgreSQL database, or null (skipped, or failing under CI) when the server is absent. */
export async function postgresDatabase(): Promise<TestDatabase | null> {
  if (!needService('PostgreSQL', await checkPostgres())) return null;
  const name = `palisade_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    dialect: 'postgres',
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: postgresAdminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** Both databases, for `describe.each`-style loops. */
export const DIALECTS = ['sqlite', 'postgres'] as const;

export async function testDatabase(dialect: (typeof DIALECTS)[number]): Promise<TestDatabase | null> {
  return dialect === 'sqlite' ? sqliteDatabase() : postgresDatabase();
}
