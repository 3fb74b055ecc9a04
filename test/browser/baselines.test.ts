// The Baselines page in a real browser: Debian's Chromium driven by playwright-core against a real
// server (SQLite). An agent-shaped client enrolls two hosts and reports a `baseline.results` run
// from each; the page must show the failing SSH check with the host it fails on, and ignoring it
// through the UI must make it ignored on the server and in the page; "Detect now" orders a run. Screenshots go to
// test-artifacts/console-baselines/.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, launchChromium, prepareConsole, startConsoleServer } from '../support/browser.js';
import type { ConsoleBrowser } from '../support/browser.js';
import { ApiClient } from '../support/test-server.js';
import type { TestServer } from '../support/test-server.js';

const POLICY = 'palisade_ssh';
const REASON = 'root login needed by the rescue console, behind the bastion';

const check = (checkId: string, title: string, severity: string, result: string) => ({
  policyId: POLICY,
  checkId,
  title,
  result,
  reason: result === 'failed' ? `${title}: not set as required` : 'as required',
  evidence: [{ rule: 'f:/etc/ssh/sshd_config -> r:^PermitRootLogin', outcome: result === 'failed' ? 'found' : 'not_found', path: '/etc/ssh/sshd_config', line: 12, detail: 'PermitRootLogin yes' }],
  severity,
});
const host = (name: string) => ({ machineId: `machine-${name}`, hostname: name, ips: [], osName: 'Debian', osVersion: '12', kernel: '6.1', arch: 'x86_64', agentVersion: '0.1.0', components: [] });

interface CheckPage {
  items: { checkId: string; affectedHosts: number; ignoredHosts: number; passRate: number | null }[];
}

describe.skipIf(!haveChromium())('baselines page in Chromium', () => {
  let test: TestServer;
  let admin: ApiClient;
  let browser: ConsoleBrowser;
  let artifacts = '';
  const hostIds = new Map<string, string>();

  beforeAll(async () => {
    artifacts = prepareConsole('console-baselines');
    ({ test, admin } = await startConsoleServer());
    const token = (await admin.post<{ token: string }>('/api/v1/enrollment-tokens', { name: 'baselines browser test' })).body.token;
    // web-1 permits root login over SSH, db-1 does not; both pass the password check.
    for (const [name, rootLogin] of [['web-1', 'failed'], ['db-1', 'passed']] as const) {
      const enrolled = await new ApiClient(test.url).post<{ hostId: string; credential: string }>('/api/v1/agent/enroll', { enrollToken: token, host: host(name) });
      expect(enrolled.status).toBe(201);
      hostIds.set(name, enrolled.body.hostId);
      const agent = new ApiClient(test.url, enrolled.body.credential);
      const run = { policies: [POLICY], results: [check('1001', 'Disable SSH root login', 'high', rootLogin), check('1002', 'Disable empty SSH passwords', 'critical', 'passed')] };
      const sent = await agent.post('/api/v1/agent/events', { spoolId: `spool-${name}`, events: [{ seq: 1, time: new Date().toISOString(), type: 'baseline.results', data: run }] });
      expect(sent.status).toBe(200);
    }
    const failing = (await admin.get<CheckPage>(`/api/v1/baselines/checks?failing=true`)).body.items;
    expect(failing.map((row) => [row.checkId, row.affectedHosts, row.passRate])).toEqual([['1001', 1, 0.5]]);
    browser = await launchChromium(test.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await test?.close();
  });

  it('shows the failing check with its host, and ignores it through the UI', async () => {
    const page = await browser.signedInPage('/hosts');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Baselines' }).click();
    await page.waitForURL(`${test.url}/baselines`);

    const policyRow = page.getByRole('table', { name: 'Policies' }).getByRole('row').filter({ hasText: POLICY });
    await policyRow.waitFor();
    expect(await policyRow.locator('td').last().textContent()).toBe('75 %');

    // "Failing only" is the default: the root-login check alone, failing on one host of two.
    const checks = page.getByRole('table', { name: 'Checks' });
    const row = checks.getByRole('row').filter({ hasText: 'Disable SSH root login' });
    await row.waitFor();
    expect(await checks.locator('tbody tr').count()).toBe(1);
    expect(await row.locator('td').nth(4).textContent()).toBe('1');
    expect(await row.locator('td').nth(5).textContent()).toBe('50 %');
    await page.screenshot({ path: join(artifacts, 'baselines.png'), fullPage: true });

    await row.getByRole('button', { name: '1001' }).click();
    await page.waitForURL(/check=palisade_ssh%2F1001/);
    const detail = page.getByRole('region', { name: 'Check detail' });
    const hosts = detail.getByRole('table', { name: 'Failing hosts' });
    const webRow = hosts.getByRole('row').filter({ hasText: 'web-1' });
    await webRow.waitFor();
    expect(await hosts.locator('tbody tr').count()).toBe(1);
    expect(await webRow.textContent()).toContain('/etc/ssh/sshd_config:12');
    expect(await webRow.getByText('Failing', { exact: true }).count()).toBe(1);
    await page.screenshot({ path: join(artifacts, 'check-detail.png'), fullPage: true });

    // "Detect now" on the failing host orders its agent to run the baseline policies again.
    await webRow.getByRole('button', { name: 'Detect now on web-1' }).click();
    await webRow.getByRole('button', { name: 'Detect now on web-1' }).filter({ hasText: 'Ordered' }).waitFor();
    const webId = (await admin.get<{ items: { hostId: string; hostname: string }[] }>(`/api/v1/baselines/results?policyId=${POLICY}&checkId=1001&result=failed`)).body.items[0]!.hostId;
    const orders = (await admin.get<{ items: { kind: string }[] }>(`/api/v1/hosts/${webId}/orders`)).body.items;
    expect(orders.map((order) => order.kind)).toEqual(['baseline_scan']);

    await detail.getByLabel('Reason for ignoring').fill(REASON);
    await detail.getByLabel('Ignore on host').selectOption({ label: 'web-1' });
    await detail.getByRole('button', { name: 'Ignore' }).click();
    await page.getByRole('status').filter({ hasText: REASON }).waitFor();
    // The host stays listed as failing, now under its ignore rule; the check leaves "failing only".
    await webRow.getByText('Ignored', { exact: true }).waitFor();
    await expect.poll(() => checks.count()).toBe(0);
    await page.screenshot({ path: join(artifacts, 'check-ignored.png'), fullPage: true });
    await page.getByRole('checkbox', { name: 'Failing only' }).uncheck();
    await page.waitForURL(/failing=false/);
    await expect.poll(() => checks.locator('tbody tr').count()).toBe(2);
    expect(await row.locator('td').nth(4).textContent()).toBe('01 ignored');

    const rules = (await admin.get<{ items: { policyId: string; checkId: string; hostId: string | null; reason: string; createdBy: string }[] }>('/api/v1/baselines/ignores')).body.items;
    expect(rules).toEqual([expect.objectContaining({ policyId: POLICY, checkId: '1001', reason: REASON, createdBy: 'admin', hostId: expect.any(String) })]);
    const summary = (await admin.get<CheckPage>(`/api/v1/baselines/checks?policyId=${POLICY}`)).body.items.find((item) => item.checkId === '1001');
    expect(summary).toMatchObject({ affectedHosts: 0, ignoredHosts: 1 });
    await page.context().close();
  });

  it('shows a viewer the check and its hosts without Ignore or Detect now', async () => {
    expect((await admin.post('/api/v1/users', { username: 'vic', password: 'one-time-password-1', role: 'viewer' })).status).toBe(201);
    const vic = new ApiClient(test.url);
    expect((await vic.login('vic', 'one-time-password-1')).status).toBe(200);
    expect((await vic.post('/api/v1/auth/password', { currentPassword: 'one-time-password-1', newPassword: 'vic reads baselines only' })).status).toBe(200);
    // Lift the rule, so the check fails unignored again: an admin would be offered Ignore here.
    const rule = (await admin.get<{ items: { id: string }[] }>('/api/v1/baselines/ignores')).body.items[0]!;
    expect((await admin.request('DELETE', `/api/v1/baselines/ignores/${rule.id}`)).status).toBe(200);
    // The server refuses him the ignore rule; the console does not offer it.
    expect((await vic.post('/api/v1/baselines/ignores', { policyId: POLICY, checkId: '1001', reason: 'not mine to decide' })).status).toBe(403);

    const page = await browser.signedInPage(`/baselines?failing=false&check=${encodeURIComponent(`${POLICY}/1001`)}`, 'vic', 'vic reads baselines only');
    const detail = page.getByRole('region', { name: 'Check detail' });
    await detail.getByRole('table', { name: 'Failing hosts' }).getByRole('row').filter({ hasText: 'web-1' }).getByText('Failing', { exact: true }).waitFor();
    expect(await detail.getByLabel('Reason for ignoring').count()).toBe(0);
    expect(await detail.getByRole('button', { name: /Detect now/ }).count()).toBe(0);

    // web-1's host page: half its checks pass, and the root-login check is its one failure, unignored again.
    await page.goto(`${test.url}/hosts/${hostIds.get('web-1')}`);
    const panel = page.getByRole('region', { name: 'Baseline' });
    await expect.poll(() => panel.getByTestId('host-pass-rate').textContent()).toBe('50 %');
    expect(await panel.getByLabel('Baseline summary').textContent()).toContain('1 passed · 1 failed');
    const failed = panel.getByRole('table', { name: 'Failed checks' });
    expect(await failed.locator('tbody tr').count()).toBe(1);
    expect(await failed.locator('tbody tr td').allTextContents()).toEqual([POLICY, '1001', 'Disable SSH root login', 'High', '—']);
    expect(await failed.getByRole('link', { name: '1001' }).getAttribute('href')).toBe(`/baselines?check=${encodeURIComponent(`${POLICY}/1001`)}`);
    await page.context().close();
  });
});
