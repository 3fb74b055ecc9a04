import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { matchPackages } from '../engines/advisory/matcher.js';
import { MemoryAdvisorySource } from '../engines/advisory/memory-source.js';
import { loadCorpusRecords } from '../engines/advisory/testdata/corpus.js';
import type { MatchablePackage } from '../model/advisory.js';
import { AdvisoryDatabase, AdvisoryDatabaseError } from './advisory-db.js';
import { importOsv } from './importer.js';
import { buildSampleDatabase } from './sample-db.js';
import { zipOf } from './testdata/zip-writer.js';

const corpus = (sub: string) => fileURLToPath(new URL(`../../../shared/corpora/${sub}`, import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'palisade-vulndb-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const now = () => new Date('2026-11-27T08:00:00Z');

function freshDb(name: string): AdvisoryDatabase {
  return AdvisoryDatabase.open(join(work, name), { writable: true });
}

describe('palisade db import', () => {
  const db = freshDb('corpus.db');

  it('imports a directory of OSV files with its counts', async () => {
    const report = await importOsv(db, [corpus('osv')], { now });
    expect(report.errors).toEqual([]);
    expect(report.sources).toEqual([{ location: corpus('osv'), records: 305, added: 305, updated: 0, unchanged: 0, withdrawn: 0, skipped: 0 }]);
    const info = db.info();
    expect(info.advisories).toBe(305);
    expect(info.builtAt).toBe('2026-11-27T08:00:00.000Z');
    expect(info.ecosystems).toContainEqual({ ecosystem: 'npm', advisories: 87 });
    expect(info.sources).toHaveLength(1);
  });

  it('looks advisories up by ecosystem and normalized name', () => {
    expect(db.advisoriesFor('npm', 'lodash').map((r) => r.id).sort()).toEqual(['GHSA-29mw-wpgm-hmr9', 'GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw']);
    expect(db.advisoriesFor('PyPI', 'jinja2').length).toBe(3);
    expect(db.advisoriesFor('npm', 'no-such-package')).toEqual([]);
  });

  it('re-importing the same files changes nothing', async () => {
    const report = await importOsv(db, [corpus('osv')], { now });
    expect(report.sources[0]).toMatchObject({ records: 305, added: 0, updated: 0, unchanged: 305 });
    expect(db.info().advisories).toBe(305);
  });

  it('updates changed and withdrawn advisories, reports malformed files by name and goes on', async () => {
    const dir = join(work, 'update');
    rmSync(dir, { recursive: true, force: true });
    (await import('node:fs')).mkdirSync(dir);
    const lodash = JSON.parse(readFileSync(join(corpus('osv'), 'GHSA-p6mc-m468-83gw.json'), 'utf8'));
    writeFileSync(join(dir, 'GHSA-p6mc-m468-83gw.json'), JSON.stringify({ ...lodash, modified: '2026-11-01T00:00:00Z', withdrawn: '2026-11-01T00:00:00Z' }));
    copyFileSync(join(corpus('osv'), 'GHSA-29mw-wpgm-hmr9.json'), join(dir, 'GHSA-29mw-wpgm-hmr9.json'));
    writeFileSync(join(dir, 'broken.json'), '{"id": "X-1", ');
    writeFileSync(join(dir, 'no-modified.json'), JSON.stringify({ id: 'X-2', affected: [] }));
    const report = await importOsv(db, [dir], { now });
    expect(report.sources[0]).toMatchObject({ records: 2, added: 0, updated: 1, unchanged: 1, withdrawn: 1, skipped: 2 });
    expect(report.errors).toEqual([expect.stringMatching(/broken\.json: not JSON/), expect.stringMatching(/no-modified\.json: modified: /)]);
    expect(db.info().withdrawn).toBe(1);
    const found = matchPackages([{ name: 'lodash', version: '4.17.19', ecosystem: 'npm' }], db, { now: now() }).vulnerabilities.map((v) => v.id);
    expect(found.sort()).toEqual(['GHSA-29mw-wpgm-hmr9', 'GHSA-35jh-r3h4-6jhm']);
  });

  it("reads osv.dev's all.zip, naming a bad entry by archive and entry", async () => {
    const zip = join(work, 'all.zip');
    const read = (f: string) => readFileSync(join(corpus('osv-derived/alpine'), f));
    writeFileSync(zip, zipOf({ 'ALPINE-CVE-2019-14697.json': read('ALPINE-CVE-2019-14697.json'), 'ALPINE-CVE-2016-8859.json': read('ALPINE-CVE-2016-8859.json'), 'bad.json': '[1, 2' }));
    const zdb = freshDb('zip.db');
    const report = await importOsv(zdb, [zip], { now });
    expect(report.sources[0]).toMatchObject({ records: 2, added: 2, skipped: 1 });
    expect(report.errors).toEqual([expect.stringContaining(`${zip}!/bad.json: not JSON`)]);
    expect(zdb.advisoriesFor('Alpine:v3.10', 'musl').map((r) => r.id).sort()).toEqual(['ALPINE-CVE-2016-8859', 'ALPINE-CVE-2019-14697']);
    zdb.close();
  });

  it('refuses a path that does not exist and a file that is not a database', async () => {
    await expect(importOsv(freshDb('none.db'), [join(work, 'nope')], { now })).rejects.toThrow(/nope: no such file or directory/);
    expect(() => AdvisoryDatabase.open(join(work, 'missing.db'))).toThrow(AdvisoryDatabaseError);
    writeFileSync(join(work, 'text.db'), 'hello, this is not sqlite'.repeat(100));
    expect(() => AdvisoryDatabase.open(join(work, 'text.db'))).toThrow(/not a Palisade advisory database/);
  });
});

describe('sample database', () => {
  it('is built from the corpus and matches like the records in memory', async () => {
    const path = join(work, 'sample.db');
    const report = await buildSampleDatabase(path, now);
    expect(report.errors).toEqual([]);
    const db = AdvisoryDatabase.open(path);
    const info = db.info();
    expect(info.advisories).toBe(305 + 136 + 53);
    expect(info.sources.map((s) => s.records)).toEqual([305, 136, 53]);
    const packages: MatchablePackage[] = [
      { name: 'libssl3', version: '3.0.11-1~deb12u1', ecosystem: 'Debian:12', sourceName: 'openssl' },
      { name: 'musl', version: '1.1.22-r2', ecosystem: 'Alpine:v3.10' },
      { name: 'lodash', version: '4.17.19', ecosystem: 'npm' },
      { name: 'Jinja2', version: '2.10', ecosystem: 'PyPI' },
      { name: 'org.apache.logging.log4j:log4j-core', version: '2.14.1', ecosystem: 'Maven' },
    ];
    const fromDb = matchPackages(packages, db, { now: now() });
    const fromMemory = matchPackages(packages, new MemoryAdvisorySource(loadCorpusRecords()), { now: now() });
    expect(fromDb.vulnerabilities.length).toBe(2 + 1 + 3 + 2 + 2);
    expect(fromDb).toEqual(fromMemory);
    db.close();
  });
});
