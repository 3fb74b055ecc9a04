// `palisade scan rootfs --scanners vuln` on language packages: a root filesystem with an npm
// package, a Python distribution and a Go program each before and after the fix of a real OSV
// advisory from the corpus is matched in each package's own ecosystem, with no os-release at all
// (language ecosystems need none), and the packages the agent already sent are matched the same.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languagePackagesCollector } from '../collectors/language-packages.js';
import { elfWithSections, goBuildInfoSection } from '../collectors/language/elf-fixture.js';
import { buildRootfs, type Rootfs } from '../collectors/rootfs-fixture.js';
import type { Vulnerability } from '../model/advisory.js';
import { AdvisoryDatabase } from '../vulndb/advisory-db.js';
import { importOsv } from '../vulndb/importer.js';
import { vulnScanner } from './vuln-scanner.js';

const ADVISORIES = ['GHSA-93q8-gq69-wqmw', 'PYSEC-2021-66', 'GO-2023-2402'];
const work = mkdtempSync(join(tmpdir(), 'palisade-vuln-lang-'));
const db = join(work, 'advisories.db');
const now = () => new Date('2026-11-27T00:00:00Z');
const program = (crypto: string) => ({
  content: Buffer.concat([elfWithSections({ '.go.buildinfo': goBuildInfoSection('go1.22.5', ['path\tex/cmd', 'mod\tex\t(devel)\t', `dep\tgolang.org/x/crypto\t${crypto}\th1:x=`]) }), Buffer.alloc(300 * 1024)]),
  mode: 0o755,
});
let rootfs: Rootfs;

beforeAll(async () => {
  const database = AdvisoryDatabase.open(db, { writable: true });
  try {
    const files = ADVISORIES.map((id) => fileURLToPath(new URL(`../../../shared/corpora/osv/${id}.json`, import.meta.url)));
    expect((await importOsv(database, files, { now })).errors).toEqual([]);
  } finally {
    database.close();
  }
  rootfs = await buildRootfs({
    '/srv/old/node_modules/ansi-regex/package.json': '{"name": "ansi-regex", "version": "5.0.0"}',
    '/srv/new/node_modules/ansi-regex/package.json': '{"name": "ansi-regex", "version": "5.0.1"}',
    '/usr/lib/python3/dist-packages/Jinja2-2.11.2.egg-info/PKG-INFO': 'Metadata-Version: 1.1\nName: Jinja2\nVersion: 2.11.2\n',
    '/opt/venv/lib/python3.11/site-packages/jinja2-2.11.3.dist-info/METADATA': 'Metadata-Version: 2.1\nName: Jinja2\nVersion: 2.11.3\n',
    '/usr/local/bin/old-tool': program('v0.16.0'),
    '/usr/local/bin/new-tool': program('v0.17.0'),
  });
}, 60_000);

afterAll(async () => {
  await rootfs?.remove();
  rmSync(work, { recursive: true, force: true });
});

const seen = (found: readonly Vulnerability[]) => found.map((v) => `${v.id} ${v.ecosystem} ${v.package} ${v.installedVersion} ${v.location}`).sort();

describe('vuln scanner on language packages', () => {
  it('matches npm, PyPI and Go packages of a root filesystem in their own ecosystems, before the fix only', async () => {
    const sections = await vulnScanner.scan(rootfs.view, { now, options: { db }, warn: () => undefined });
    expect(seen(sections.vulnerabilities as Vulnerability[])).toEqual([
      'GHSA-93q8-gq69-wqmw npm ansi-regex 5.0.0 /srv/old/node_modules/ansi-regex',
      'GO-2023-2402 Go golang.org/x/crypto 0.16.0 /usr/local/bin/old-tool',
      'PYSEC-2021-66 PyPI Jinja2 2.11.2 /usr/lib/python3/dist-packages/Jinja2-2.11.2.egg-info',
    ]);
  });

  it('matches the language packages an agent already collected without reading the view', async () => {
    const collected = await languagePackagesCollector.collect(rootfs.view, { now });
    const empty = await buildRootfs({});
    try {
      const sections = await vulnScanner.scan(empty.view, { now, options: { db, inventory: { packages: [], jars: [], languagePackages: collected.items, host: null } }, warn: () => undefined });
      expect((sections.vulnerabilities as Vulnerability[]).map((v) => v.id).sort()).toEqual(['GHSA-93q8-gq69-wqmw', 'GO-2023-2402', 'PYSEC-2021-66']);
    } finally {
      await empty.remove();
    }
  });
});
