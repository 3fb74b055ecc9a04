// The Vulnerabilities page in a real browser: Debian's Chromium driven by playwright-core against a
// real server (SQLite) whose advisory database is built here from a real Debian advisory of the
// corpus. An agent-shaped client reports a Debian 12 host with curl before the fix; the page must
// show the finding with Debian's fixed version, and ignoring it through the UI must make it
// ignored on the server. Screenshots go to test-artifacts/console-vulnerabilities/.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdvisoryDatabase } from '../../src/vulndb/advisory-db.js';
import { importOsv } from '../../src/vulndb/importer.js';
import { haveChromium, launchChromium, prepareConsole, startConsoleServer } from '../support/browser.js';
import type { ConsoleBrowser } from '../support/browser.js';
import { dpkgPackage, reportDebianHost } from '../support/debian-inventory.js';
import { waitFor } from '../support/processes.js';
import { ApiClient } from '../support/test-server.js';
import type { TestServer } from '../support/test-server.js';

// curl - security update (CVE-2023-38545, CVE-2023-38546): Debian:12 fixed in 7.88.1-10+deb12u4.
const CURL_DSA = 'DSA-5523-1';
const CURL_DSA_FILE = fileURLToPath(new URL(`../../../shared/corpora/osv-derived/debian/${CURL_DSA}.json`, import.meta.url));
const INSTALLED = '7.88.1-10+deb12u3';
const FIXED = '7.88.1-10+deb12u4';

interface FindingPage {
  items: { package: string; status: string; ignoreId: string | null; fixedVersion: string | null }[];
  total: number;
}

describe.skipIf(!haveChromium())('vulnerabilities page in Chromium', () => {
  let test: TestServer;
  let admin: ApiClient;
  let browser: ConsoleBrowser;
  let artifacts = '';
  let hostId = '';
  const dir = mkdtempSync(join(tmpdir(), 'palisade-vuln-browser-'));
  const dbPath = join(dir, 'advisories.db');

  beforeAll(async () => {
    artifacts = prepareConsole('console-vulnerabilities');
    const db = AdvisoryDatabase.open(dbPath, { writable: true });
    try {
      expect((await importOsv(db, [CURL_DSA_FILE], { now: () => new Date() })).errors).toEqual([]);
    } finally {
      db.close();
    }
    ({ test, admin } = await startConsoleServer({ env: { advisoryDb: dbPath } }));
    const token = (await admin.post<{ token: string }>('/api/v1/enrollment-tokens', { name: 'vulnerabilities browser test' })).body.token;
    // The agent's side of the API: enroll, then report os-release and the packages.
    hostId = await reportDebianHost(test.url, token, [dpkgPackage('curl', INSTALLED, 'curl'), dpkgPackage('libcurl4', INSTALLED, 'curl'), dpkgPackage('bash', '5.2.15-2+b2', 'bash')]);
    await waitFor('two curl findings', async () => (await admin.get<FindingPage>('/api/v1/vulnerabilities?status=open')).body.total === 2, 30_000, 100);
    browser = await launchChromium(test.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await test?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the curl finding with Debian 12’s fixed version, and ignores it through the UI', async () => {
    const page = await browser.signedInPage('/hosts');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Vulnerabilities' }).click();
    await page.waitForURL(`${test.url}/vulnerabilities`);
    // Debian's advisories rate nothing: both findings are unrated.
    await expect.poll(() => page.getByTestId('severity-count-unknown').textContent()).toContain('2');
    expect(await page.getByTestId('severity-count-critical').textContent()).toContain('0');

    const advisories = page.getByRole('table', { name: 'Advisories' });
    const advisoryRow = advisories.getByRole('row').filter({ hasText: CURL_DSA });
    await advisoryRow.waitFor();
    expect(await advisoryRow.textContent()).toContain('CVE-2023-38545');
    await expect.poll(() => advisoryRow.getByRole('cell', { name: FIXED, exact: true }).count()).toBe(1);
    expect(await advisoryRow.locator('td').last().textContent()).toBe('1');

    const findings = page.getByRole('table', { name: 'Findings' });
    const curlRow = findings.getByRole('row').filter({ has: page.getByRole('cell', { name: 'curl', exact: true }) });
    // The findings table loads on its own request, after the advisories table: wait for it too.
    await expect.poll(() => curlRow.getByRole('cell', { name: `${INSTALLED} → ${FIXED}`, exact: true }).count()).toBe(1);
    expect(await findings.locator('tbody tr').count()).toBe(2);
    await page.screenshot({ path: join(artifacts, 'vulnerabilities.png'), fullPage: true });

    // The detail: fixed version and the advisory's references.
    await curlRow.getByRole('button', { name: CURL_DSA }).click();
    const detail = page.getByRole('region', { name: 'Finding detail' });
    await detail.waitFor();
    expect(await detail.getByTestId('finding-fixed-version').textContent()).toBe(FIXED);
    expect(await detail.getByRole('list', { name: 'References' }).getByRole('link').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(artifacts, 'finding-detail.png'), fullPage: true });
    await detail.getByLabel('Reason for ignoring').fill('curl is only used with trusted proxies here');
    await detail.getByRole('button', { name: 'Ignore' }).click();
    await page.getByRole('status').filter({ hasText: 'curl is only used with trusted proxies here' }).waitFor();
    // Open findings now hold only libcurl4; the ignored one shows under "Ignored".
    await expect.poll(() => findings.locator('tbody tr').count()).toBe(1);
    await page.screenshot({ path: join(artifacts, 'finding-ignored.png'), fullPage: true });
    await page.getByLabel('Status filter').selectOption('ignored');
    await page.waitForURL(/status=ignored/);
    // The open list also has one row (libcurl4) until the filtered answer arrives: wait for curl's row.
    await expect.poll(() => curlRow.getByText('Ignored', { exact: true }).count()).toBe(1);
    expect(await findings.locator('tbody tr').count()).toBe(1);

    const ignored = (await admin.get<FindingPage>('/api/v1/vulnerabilities?status=ignored')).body;
    expect(ignored.items.map((finding) => [finding.package, finding.status, finding.fixedVersion])).toEqual([['curl', 'ignored', FIXED]]);
    const rules = (await admin.get<{ items: { reason: string; package: string; advisoryId: string; createdBy: string }[] }>('/api/v1/vulnerabilities/ignores')).body.items;
    expect(rules).toEqual([expect.objectContaining({ advisoryId: CURL_DSA, package: 'curl', reason: 'curl is only used with trusted proxies here', createdBy: 'admin' })]);

    // Detect now re-matches the host: nothing new, one open, one ignored.
    await page.getByRole('button', { name: 'Detect now' }).click();
    await page.getByRole('status').filter({ hasText: 'Detection checked 1 host: 0 new, 0 fixed, 1 open, 1 ignored.' }).waitFor();
    await page.context().close();
  });

  it('shows a viewer the findings and their detail without Detect now or Ignore', async () => {
    expect((await admin.post('/api/v1/users', { username: 'vic', password: 'one-time-password-1', role: 'viewer' })).status).toBe(201);
    const vic = new ApiClient(test.url);
    expect((await vic.login('vic', 'one-time-password-1')).status).toBe(200);
    expect((await vic.post('/api/v1/auth/password', { currentPassword: 'one-time-password-1', newPassword: 'vic reads findings only' })).status).toBe(200);
    // The server refuses him both actions; the console does not offer them.
    expect((await vic.post('/api/v1/vulnerabilities/detect')).status).toBe(403);
    expect((await vic.post('/api/v1/vulnerabilities/ignores', { package: 'libcurl4', reason: 'not mine to decide' })).status).toBe(403);

    const page = await browser.signedInPage('/vulnerabilities', 'vic', 'vic reads findings only');
    const findings = page.getByRole('table', { name: 'Findings' });
    const libcurlRow = findings.getByRole('row').filter({ has: page.getByRole('cell', { name: 'libcurl4', exact: true }) });
    await libcurlRow.getByRole('button', { name: CURL_DSA }).click();
    const detail = page.getByRole('region', { name: 'Finding detail' });
    expect(await detail.getByTestId('finding-fixed-version').textContent()).toBe(FIXED);
    expect(await detail.getByLabel('Reason for ignoring').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Detect now' }).count()).toBe(0);
    await page.context().close();
  });

  it("shows the host's open finding on its host page, linked to the vulnerabilities page", async () => {
    // By now curl is ignored: only libcurl4 is open on the host.
    const page = await browser.signedInPage(`/hosts/${hostId}`);
    const open = page.getByRole('region', { name: 'Vulnerabilities' }).getByRole('table', { name: 'Open findings' });
    await expect.poll(() => open.locator('tbody tr').count()).toBe(1);
    const row = open.locator('tbody tr').first();
    expect(await row.getByRole('cell', { name: 'libcurl4', exact: true }).count()).toBe(1);
    expect(await row.getByRole('cell', { name: `${INSTALLED} → ${FIXED}`, exact: true }).count()).toBe(1);
    expect(await row.getByRole('link', { name: CURL_DSA }).getAttribute('href')).toBe(`/vulnerabilities?hostId=${hostId}&advisory=${CURL_DSA}`);
    await page.context().close();
  });
});
