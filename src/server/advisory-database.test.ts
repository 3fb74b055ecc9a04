import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { AdvisoryDatabase } from '../vulndb/advisory-db.js';
import { importOsv } from '../vulndb/importer.js';
import { LiveAdvisoryDatabase } from './advisory-database.js';

const corpus = (id: string) => fileURLToPath(new URL(`../../../shared/corpora/osv-derived/debian/${id}.json`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'palisade-live-db-'));
const log = pino({ level: 'silent' });

async function build(path: string, ...ids: string[]): Promise<void> {
  const db = AdvisoryDatabase.open(path, { writable: true });
  try {
    expect((await importOsv(db, ids.map(corpus), { now: () => new Date() })).errors).toEqual([]);
  } finally {
    db.close();
  }
}

const ids = (live: LiveAdvisoryDatabase, name: string) => live.current().advisoriesFor('Debian:12', name).map((record) => record.id);

describe('LiveAdvisoryDatabase', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a configured file that does not exist, naming it', async () => {
    await expect(LiveAdvisoryDatabase.open(join(dir, 'missing.db'), log)).rejects.toThrow(/missing\.db does not exist/);
  });

  it('sees an import into the open file and a new file renamed over it', async () => {
    const path = join(dir, 'advisories.db');
    await build(path, 'DSA-5523-1');
    const live = await LiveAdvisoryDatabase.open(path, log);
    try {
      expect(ids(live, 'curl')).toEqual(['DSA-5523-1']);
      expect(ids(live, 'openssl')).toEqual([]);
      await build(path, 'DSA-5764-1');
      expect(ids(live, 'openssl')).toEqual(['DSA-5764-1']);
      // A database built beside it and renamed over it (a new inode).
      const next = join(dir, 'next.db');
      await build(next, 'DSA-5532-1');
      renameSync(next, path);
      expect(ids(live, 'openssl')).toEqual(['DSA-5532-1']);
      expect(ids(live, 'curl')).toEqual([]);
    } finally {
      live.close();
    }
  });
});
