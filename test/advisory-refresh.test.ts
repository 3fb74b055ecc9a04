// The server refreshes its advisory database from an HTTP mirror, on SQLite and PostgreSQL: a
// real HTTP server on loopback serves an index of two all.zip archives built here from real
// advisories of the corpus (Debian's DSA records, the Log4Shell GHSA record), answering 304 to a
// matching If-None-Match. A refresh imports a changed mirror into a new file and swaps it in,
// then detects every tenant again: new advisories open findings, a withdrawn one marks its findings
// fixed; an unchanged mirror costs only 304s; a corrupt archive leaves the previous database in
// use and the status names the error.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdvisoryDatabaseStatus, RefreshAttempt } from '../src/model/advisory-database-api.js';
import { zipOf } from '../src/vulndb/testdata/zip-writer.js';
import { debianHostFacts, dpkgPackage } from './support/debian-inventory.js';
import { waitFor } from './support/processes.js';
import { DIALECTS } from './support/stores.js';
import { ADMIN_PASSWORD, ApiClient, startTestServer } from './support/test-server.js';
import type { TestServer } from './support/test-server.js';

const corpus = (id: string) =>
  readFileSync(fileURLToPath(new URL(id.startsWith('GHSA-') ? `../../shared/corpora/osv/${id}.json` : `../../shared/corpora/osv-derived/debian/${id}.json`, import.meta.url)), 'utf8');
// curl (CVE-2023-38545): Debian:12 fixed in 7.88.1-10+deb12u4.
const CURL_DSA = 'DSA-5523-1';
// openssl (CVE-2024-6119): Debian:12 fixed in 3.0.14-1~deb12u2.
const OPENSSL_DSA = 'DSA-5764-1';
const LOG4SHELL = 'GHSA-jfh8-c2jp-5v3q';

/** The mirror: an index naming two archives, each served with an ETag and answering 304 when it matches. */
class Mirror {
  readonly files = new Map<string, Buffer>();
  /** Status of every answer, by path, in order. */
  readonly answers: { path: string; status: number }[] = [];
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const path = request.url ?? '';
      const body = this.files.get(path);
      let status = 404;
      if (body) {
        const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
        status = request.headers['if-none-match'] === etag ? 304 : 200;
        response.writeHead(status, { etag, 'content-length': status === 200 ? body.length : 0 });
        response.end(status === 200 ? body : undefined);
      } else {
        response.writeHead(404).end();
      }
      this.answers.push({ path, status });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  publish(debian: Record<string, string> | Buffer, maven: Record<string, string>): void {
    this.files.set('/osv/index.txt', Buffer.from('# Palisade advisory mirror\nDebian/all.zip\nMaven/all.zip\n'));
    this.files.set('/osv/Debian/all.zip', Buffer.isBuffer(debian) ? debian : zipOf(debian));
    this.files.set('/osv/Maven/all.zip', zipOf(maven));
  }

  async close(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

const entry = (id: string, text = corpus(id)) => ({ [`${id}.json`]: text });

interface FindingPage {
  items: { advisoryId: string; package: string; status: string; fixedAt: string | null }[];
  total: number;
}

for (const dialect of DIALECTS) {
  describe(`advisory database refresh from an HTTP mirror on ${dialect}`, () => {
    const mirror = new Mirror();
    let test: TestServer | null;
    let admin: ApiClient;
    let hostId = '';

    const status = async () => (await admin.get<AdvisoryDatabaseStatus>('/api/v1/advisory-database')).body;
    const refresh = async () => {
      const answer = await admin.post<RefreshAttempt>('/api/v1/advisory-database/refresh');
      expect(answer.status).toBe(200);
      return answer.body;
    };
    const findings = async (query: string) => (await admin.get<FindingPage>(`/api/v1/vulnerabilities?${query}`)).body;
    const databaseFile = () => join(test!.dataDir, 'advisories.db');

    beforeAll(async () => {
      await mirror.start();
      mirror.publish(entry(CURL_DSA), entry(LOG4SHELL));
      test = await startTestServer(dialect, { env: { advisorySource: `${mirror.url}/osv/index.txt`, advisoryRefreshHours: '24' } });
      if (!test) return;
      admin = new ApiClient(test.url);
      await admin.login('admin', ADMIN_PASSWORD);
      // No database was refreshed yet: the server refreshes at start, in the background.
      await waitFor('the refresh at start', async () => (await status()).refresh.lastAttempt !== null, 60_000, 100);
      const token = (await admin.post<{ token: string }>('/api/v1/enrollment-tokens', { name: 'refresh' })).body.token;
      const enrolled = await new ApiClient(test.url).post<{ hostId: string; credential: string }>('/api/v1/agent/enroll', {
        enrollToken: token,
        host: { machineId: 'machine-web', hostname: 'web', ips: ['192.0.2.10'], osName: 'Debian', osVersion: '12', kernel: '6.1', arch: 'x86_64', agentVersion: '0.1.0', components: [] },
      });
      hostId = enrolled.body.hostId;
      const time = new Date().toISOString();
      const sent = await new ApiClient(test.url, enrolled.body.credential).post('/api/v1/agent/events', {
        spoolId: 'spool-web',
        events: [
          { seq: 1, time, type: 'inventory.host', data: debianHostFacts('12') },
          { seq: 2, time, type: 'inventory.delta', data: { kind: 'packages', full: true, upserted: [dpkgPackage('curl', '7.88.1-10+deb12u3', 'curl'), dpkgPackage('libssl3', '3.0.11-1~deb12u2', 'openssl')], removed: [] } },
        ],
      });
      expect(sent.status).toBe(200);
    }, 120_000);
    afterAll(async () => {
      await test?.close();
      await mirror.close();
    });

    it('imports the mirror at start, and an unchanged mirror costs three 304s and no import', async (context) => {
      if (!test) return context.skip();
      const first = await status();
      expect(first.refresh).toMatchObject({ source: `${mirror.url}/osv/index.txt`, intervalHours: 24, running: false, lastAttempt: { outcome: 'imported', error: null, advisories: 2 } });
      expect(first.refresh.nextAt).not.toBeNull();
      expect(first.database).toMatchObject({ sample: false, advisories: 2, withdrawn: 0 });
      // Sources are named by the mirror's URLs, not by the cached files.
      expect(first.database!.sources.map((source) => [source.location, source.records])).toEqual([
        [`${mirror.url}/osv/Debian/all.zip`, 1],
        [`${mirror.url}/osv/Maven/all.zip`, 1],
      ]);
      await waitFor('the curl finding', async () => (await findings(`hostId=${hostId}&status=open`)).total === 1, 60_000, 100);

      const inode = statSync(databaseFile()).ino;
      const answersBefore = mirror.answers.length;
      const unchanged = await refresh();
      expect(unchanged).toMatchObject({ outcome: 'unchanged', error: null, detection: null });
      expect(mirror.answers.slice(answersBefore).map((a) => `${a.status} ${a.path}`)).toEqual(['304 /osv/index.txt', '304 /osv/Debian/all.zip', '304 /osv/Maven/all.zip']);
      // The database file was not rewritten and the import time is the first one.
      expect(statSync(databaseFile()).ino).toBe(inode);
      expect((await status()).refresh.lastImportAt).toBe(first.refresh.lastImportAt);
    });

    it('imports new advisories and detects every tenant again: findings appear', async (context) => {
      if (!test) return context.skip();
      mirror.publish({ ...entry(CURL_DSA), ...entry(OPENSSL_DSA) }, entry(LOG4SHELL));
      const attempt = await refresh();
      expect(attempt).toMatchObject({ outcome: 'imported', error: null, advisories: 3, skipped: 0, detection: { hosts: 1, found: 1, fixed: 0 } });
      const open = await findings(`hostId=${hostId}&status=open`);
      expect(open.items.map((f) => `${f.advisoryId} ${f.package}`).sort()).toEqual([`${CURL_DSA} curl`, `${OPENSSL_DSA} libssl3`]);
      const now = await status();
      expect(now.database?.advisories).toBe(3);
      // Imported when the new file was swapped in, before detection finished.
      expect(now.refresh.lastImportAt! >= attempt.startedAt && now.refresh.lastImportAt! <= attempt.finishedAt).toBe(true);
      const audit = await admin.get<{ items: { action: string; details: { outcome?: string } }[] }>('/api/v1/audit');
      expect(audit.body.items.filter((e) => e.action === 'advisory_database.refresh').map((e) => e.details.outcome)).toEqual(['imported', 'unchanged']);
    });

    it("marks a withdrawn advisory's findings fixed", async (context) => {
      if (!test) return context.skip();
      const withdrawn = JSON.stringify({ ...(JSON.parse(corpus(CURL_DSA)) as object), modified: '2024-06-01T00:00:00Z', withdrawn: '2024-06-01T00:00:00Z' });
      mirror.publish({ ...entry(CURL_DSA, withdrawn), ...entry(OPENSSL_DSA) }, entry(LOG4SHELL));
      const attempt = await refresh();
      expect(attempt).toMatchObject({ outcome: 'imported', advisories: 3, detection: { hosts: 1, found: 0, fixed: 1 } });
      expect((await status()).database?.withdrawn).toBe(1);
      const curl = await findings(`hostId=${hostId}&advisory=${CURL_DSA}`);
      expect(curl.items.map((f) => [f.package, f.status])).toEqual([['curl', 'fixed']]);
      expect(curl.items[0]!.fixedAt).not.toBeNull();
      expect((await findings(`hostId=${hostId}&status=open`)).items.map((f) => f.advisoryId)).toEqual([OPENSSL_DSA]);
    });

    it('keeps the previous database when the mirror serves a corrupt archive, and says why', async (context) => {
      if (!test) return context.skip();
      const good = mirror.files.get('/osv/Debian/all.zip')!;
      const inode = statSync(databaseFile()).ino;
      mirror.files.set('/osv/Debian/all.zip', good.subarray(0, good.length - 30));
      const attempt = await refresh();
      expect(attempt.outcome).toBe('failed');
      expect(attempt.error).toContain('all.zip');
      const after = await status();
      expect(after.refresh.lastAttempt).toMatchObject({ outcome: 'failed', error: attempt.error });
      expect(after.database).toMatchObject({ sample: false, advisories: 3, withdrawn: 1 });
      expect(statSync(databaseFile()).ino).toBe(inode);
      expect((await findings(`hostId=${hostId}&status=open`)).items.map((f) => f.advisoryId)).toEqual([OPENSSL_DSA]);
      // The broken download was not kept as "current": asked again, the mirror sends it again.
      const answersBefore = mirror.answers.length;
      expect((await refresh()).outcome).toBe('failed');
      expect(mirror.answers.slice(answersBefore).find((a) => a.path === '/osv/Debian/all.zip')?.status).toBe(200);
      // The mirror repaired to what was imported last: nothing changed.
      mirror.files.set('/osv/Debian/all.zip', good);
      expect((await refresh()).outcome).toBe('unchanged');
    });

    it('shows the status to a viewer and keeps refresh for the platform operators', async (context) => {
      if (!test) return context.skip();
      expect((await admin.post('/api/v1/users', { username: 'vera', password: 'one-time-password-1', role: 'owner' })).status).toBe(201);
      const owner = new ApiClient(test.url);
      await owner.login('vera', 'one-time-password-1');
      await owner.post('/api/v1/auth/password', { currentPassword: 'one-time-password-1', newPassword: 'vera owns the tenant' });
      expect((await owner.get('/api/v1/advisory-database')).status).toBe(200);
      expect((await owner.post('/api/v1/advisory-database/refresh')).status).toBe(403);
    });
  });
}

describe('advisory refresh state across a restart', () => {
  const mirror = new Mirror();
  const dir = mkdtempSync(join(tmpdir(), 'palisade-refresh-restart-'));
  afterAll(async () => {
    await mirror.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the last attempt and does not fetch again at start before the interval is over (an hour after a failure)', async (context) => {
    await mirror.start();
    mirror.publish(entry(CURL_DSA), entry(LOG4SHELL));
    const env = { advisorySource: `${mirror.url}/osv/index.txt`, advisoryRefreshHours: '24', advisoryDb: join(dir, 'advisories.db') };
    const first = await startTestServer('sqlite', { env });
    if (!first) return context.skip();
    let before: AdvisoryDatabaseStatus;
    try {
      const admin = new ApiClient(first.url);
      await admin.login('admin', ADMIN_PASSWORD);
      before = await waitFor('the refresh at start', async () => {
        const body = (await admin.get<AdvisoryDatabaseStatus>('/api/v1/advisory-database')).body;
        return body.refresh.lastAttempt ? body : null;
      }, 60_000, 100);
      expect(before.refresh.lastAttempt?.outcome).toBe('imported');
    } finally {
      await first.close();
    }
    const requests = mirror.answers.length;
    const second = await startTestServer('sqlite', { env });
    if (!second) return context.skip();
    try {
      const admin = new ApiClient(second.url);
      await admin.login('admin', ADMIN_PASSWORD);
      const after = (await admin.get<AdvisoryDatabaseStatus>('/api/v1/advisory-database')).body;
      expect(after.refresh.lastAttempt).toEqual(before.refresh.lastAttempt);
      expect(after.refresh.lastImportAt).toBe(before.refresh.lastImportAt);
      expect(after.database).toMatchObject({ sample: false, advisories: 2 });
      // Next check a day after the last one, not now: the mirror was not asked.
      expect(Date.parse(after.refresh.nextAt!)).toBe(Date.parse(before.refresh.lastAttempt!.finishedAt) + 24 * 3600_000);
      expect(mirror.answers.length).toBe(requests);
      // The mirror breaks: the failed attempt is what the next start goes by.
      mirror.files.delete('/osv/Maven/all.zip');
      const failed = (await admin.post<RefreshAttempt>('/api/v1/advisory-database/refresh')).body;
      expect(failed).toMatchObject({ outcome: 'failed', error: `${mirror.url}/osv/Maven/all.zip: HTTP 404 Not Found` });
      before = (await admin.get<AdvisoryDatabaseStatus>('/api/v1/advisory-database')).body;
    } finally {
      await second.close();
    }
    const third = await startTestServer('sqlite', { env });
    if (!third) return context.skip();
    try {
      const admin = new ApiClient(third.url);
      await admin.login('admin', ADMIN_PASSWORD);
      const after = (await admin.get<AdvisoryDatabaseStatus>('/api/v1/advisory-database')).body;
      expect(after.refresh.lastAttempt).toEqual(before.refresh.lastAttempt);
      expect(after.database).toMatchObject({ sample: false, advisories: 2 });
      expect(Date.parse(after.refresh.nextAt!)).toBe(Date.parse(before.refresh.lastAttempt!.finishedAt) + 3600_000);
    } finally {
      await third.close();
    }
  });
});
