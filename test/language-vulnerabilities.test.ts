// Language packages end to end on a real server, on SQLite and PostgreSQL: agents report
// `languagePackages` rows as the collector writes them (npm, PyPI, Go build info), the fleet
// inventory lists them, and detection matches them against real OSV advisories from the corpus in
// their own ecosystems: a finding where the installed version is before the fix, none at the fix,
// and findings even for a host whose os-release never arrived (language ecosystems need none).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdvisoryDatabase } from '../src/vulndb/advisory-db.js';
import { importOsv } from '../src/vulndb/importer.js';
import { debianHostFacts } from './support/debian-inventory.js';
import { waitFor } from './support/processes.js';
import { DIALECTS } from './support/stores.js';
import { ADMIN_PASSWORD, ApiClient, startTestServer } from './support/test-server.js';
import type { TestServer } from './support/test-server.js';

const corpus = (id: string) => fileURLToPath(new URL(`../../shared/corpora/osv/${id}.json`, import.meta.url));
// ansi-regex ReDoS (CVE-2021-3807): 5.0.0 up to 5.0.1, among other ranges.
const ANSI_REGEX = 'GHSA-93q8-gq69-wqmw';
// Jinja2 sandbox escape (CVE-2020-28493): fixed in 2.11.3.
const JINJA2 = 'PYSEC-2021-66';
// golang.org/x/crypto/ssh Terrapin (CVE-2023-48795): fixed in 0.17.0; OSV writes Go versions without "v".
const X_CRYPTO = 'GO-2023-2402';

const row = (ecosystem: string, name: string, version: string, path: string) => ({ ecosystem, name, version, path, evidence: `${path}/package.json` });

interface Finding {
  hostname: string;
  advisoryId: string;
  ecosystem: string;
  package: string;
  installedVersion: string;
  fixedVersion: string | null;
  status: string;
}

for (const dialect of DIALECTS) {
  describe(`language package findings on ${dialect}`, () => {
    let test: TestServer | null;
    let admin: ApiClient;
    const dir = mkdtempSync(join(tmpdir(), 'palisade-langvuln-'));
    const dbPath = join(dir, 'advisories.db');

    async function report(token: string, hostname: string, withOsRelease: boolean, rows: ReturnType<typeof row>[]): Promise<void> {
      const enrolled = await new ApiClient(test!.url).post<{ hostId: string; credential: string }>('/api/v1/agent/enroll', {
        enrollToken: token,
        host: { machineId: `machine-${hostname}`, hostname, ips: ['192.0.2.20'], osName: 'Debian', osVersion: '12', kernel: '6.1', arch: 'x86_64', agentVersion: '0.1.0', components: [] },
      });
      expect(enrolled.status).toBe(201);
      const time = new Date().toISOString();
      const events = [
        ...(withOsRelease ? [{ type: 'inventory.host', data: debianHostFacts('12') }] : []),
        { type: 'inventory.delta', data: { kind: 'languagePackages', full: true, upserted: rows, removed: [] } },
      ];
      const sent = await new ApiClient(test!.url, enrolled.body.credential).post('/api/v1/agent/events', { spoolId: `spool-${hostname}`, events: events.map((event, index) => ({ ...event, seq: index + 1, time })) });
      expect(sent.status).toBe(200);
    }

    beforeAll(async () => {
      const db = AdvisoryDatabase.open(dbPath, { writable: true });
      try {
        const imported = await importOsv(db, [ANSI_REGEX, JINJA2, X_CRYPTO].map(corpus), { now: () => new Date() });
        expect(imported.errors).toEqual([]);
      } finally {
        db.close();
      }
      test = await startTestServer(dialect, { env: { advisoryDb: dbPath } });
      if (!test) return;
      admin = new ApiClient(test.url);
      await admin.login('admin', ADMIN_PASSWORD);
      const token = (await admin.post<{ token: string }>('/api/v1/enrollment-tokens', { name: 'lang' })).body.token;
      await report(token, 'app-old', true, [
        row('npm', 'ansi-regex', '5.0.0', '/srv/app/node_modules/ansi-regex'),
        row('PyPI', 'Jinja2', '2.11.2', '/usr/lib/python3/dist-packages/Jinja2-2.11.2.egg-info'),
        row('Go', 'golang.org/x/crypto', 'v0.16.0', '/usr/local/bin/tool'),
      ]);
      await report(token, 'app-new', true, [
        row('npm', 'ansi-regex', '5.0.1', '/srv/app/node_modules/ansi-regex'),
        row('PyPI', 'jinja2', '2.11.3', '/usr/lib/python3/dist-packages/jinja2-2.11.3.dist-info'),
        row('Go', 'golang.org/x/crypto', 'v0.17.0', '/usr/local/bin/tool'),
      ]);
      await report(token, 'no-os-release', false, [row('npm', 'ansi-regex', '5.0.0', '/opt/tool/node_modules/ansi-regex')]);
    }, 120_000);
    afterAll(async () => {
      await test?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('lists language packages across the fleet with their ecosystem’s version order', async (context) => {
      if (!test) return context.skip();
      const page = await admin.get<{ items: { hostname: string; version: string; data: { ecosystem: string } }[]; hosts: number }>('/api/v1/inventory/languagePackages?name=ansi-regex');
      expect(page.status).toBe(200);
      expect(page.body.items.map((item) => `${item.hostname} ${item.version} ${item.data.ecosystem}`).sort()).toEqual(['app-new 5.0.1 npm', 'app-old 5.0.0 npm', 'no-os-release 5.0.0 npm']);
      // SemVer for npm, PEP 440 for PyPI: 2.11.2 is below 2.11.3, and so is a pre-release of it.
      const below = await admin.get<{ items: { hostname: string }[] }>('/api/v1/inventory/languagePackages?nameLike=inja&versionBelow=2.11.3');
      expect(below.body.items.map((item) => item.hostname)).toEqual(['app-old']);
    });

    it('finds advisories in npm, PyPI and Go where the installed version is before the fix', async (context) => {
      if (!test) return context.skip();
      await waitFor('an event per new finding', async () => (await admin.get<{ total: number }>('/api/v1/events?type=vulnerability.found')).body.total === 4, 60_000, 100);
      const page = await admin.get<{ items: Finding[] }>('/api/v1/vulnerabilities?status=open');
      const seen = page.body.items.map((f) => `${f.hostname} ${f.advisoryId} ${f.ecosystem} ${f.package} ${f.installedVersion} <${f.fixedVersion}`).sort();
      expect(seen).toEqual([
        `app-old ${ANSI_REGEX} npm ansi-regex 5.0.0 <5.0.1`,
        `app-old ${X_CRYPTO} Go golang.org/x/crypto 0.16.0 <0.17.0`,
        `app-old ${JINJA2} PyPI Jinja2 2.11.2 <2.11.3`,
        // No os-release yet: distribution packages wait for it, language packages do not.
        `no-os-release ${ANSI_REGEX} npm ansi-regex 5.0.0 <5.0.1`,
      ]);
    });
  });
}
