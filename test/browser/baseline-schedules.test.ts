// Baseline schedules, command trust and a check's history in a real browser: Debian's Chromium
// driven by playwright-core against a real server (SQLite). Two agent-shaped hosts report runs; an
// admin creates a schedule for one host through the page, runs it now (an order reaches that host),
// trusts a policy, disables and deletes the schedule; the check detail shows each scan's result.
// A viewer sees the schedules but none of the buttons. Screenshots go to
// test-artifacts/console-baseline-schedules/.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, launchChromium, prepareConsole, startConsoleServer } from '../support/browser.js';
import type { ConsoleBrowser } from '../support/browser.js';
import { ApiClient } from '../support/test-server.js';
import type { TestServer } from '../support/test-server.js';

const POLICY = 'palisade_ssh';

const check = (result: string, checkId = '1001') => ({ policyId: POLICY, checkId, title: checkId === '1001' ? 'Disable SSH root login' : 'Disable empty SSH passwords', result, reason: result, evidence: [], severity: 'high' });
const host = (name: string) => ({ machineId: `machine-${name}`, hostname: name, ips: [], osName: 'Debian', osVersion: '12', kernel: '6.1', arch: 'x86_64', agentVersion: '0.1.0', components: [] });

interface Schedule {
  id: string;
  name: string;
  policies: string[] | null;
  hostIds: string[] | null;
  dailyAt: string | null;
  enabled: boolean;
}

describe.skipIf(!haveChromium())('baseline schedules page in Chromium', () => {
  let test: TestServer;
  let admin: ApiClient;
  let browser: ConsoleBrowser;
  let artifacts = '';
  const hostIds = new Map<string, string>();

  beforeAll(async () => {
    artifacts = prepareConsole('console-baseline-schedules');
    ({ test, admin } = await startConsoleServer());
    const token = (await admin.post<{ token: string }>('/api/v1/enrollment-tokens', { name: 'schedules browser test' })).body.token;
    // web-1 failed the root-login check yesterday and passes today; db-1 passes it.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    const runs = { 'web-1': [[yesterday, 'failed'], [new Date().toISOString(), 'passed']], 'db-1': [[new Date().toISOString(), 'passed']] } as const;
    for (const [name, scans] of Object.entries(runs)) {
      const enrolled = await new ApiClient(test.url).post<{ hostId: string; credential: string }>('/api/v1/agent/enroll', { enrollToken: token, host: host(name) });
      expect(enrolled.status).toBe(201);
      hostIds.set(name, enrolled.body.hostId);
      const agent = new ApiClient(test.url, enrolled.body.credential);
      // db-1 also fails a second check: its pass rate is half, web-1's whole.
      const extra = name === 'db-1' ? [check('failed', '1002')] : [];
      const events = scans.map(([time, result], index) => ({ seq: index + 1, time, type: 'baseline.results', data: { policies: [POLICY], results: [check(result), ...extra] } }));
      // db-1 then runs a second policy alone (as a schedule would): its SSH results stay.
      if (name === 'db-1') {
        const kernel = { policyId: 'palisade_kernel', checkId: '2001', title: 'No IP forwarding', result: 'passed', reason: 'passed', evidence: [], severity: 'medium' };
        events.push({ seq: events.length + 1, time: new Date().toISOString(), type: 'baseline.results', data: { policies: ['palisade_kernel'], partial: true, results: [kernel] } } as never);
      }
      expect((await agent.post('/api/v1/agent/events', { spoolId: `spool-${name}`, events })).status).toBe(200);
    }
    browser = await launchChromium(test.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await test?.close();
  });

  it('creates, runs, disables and deletes a schedule, and trusts a policy', async () => {
    const page = await browser.signedInPage(`/baselines`);
    await page.getByRole('link', { name: 'Schedules and trust' }).click();
    await page.waitForURL(`${test.url}/baselines/schedules`);
    await page.getByText('No schedules.').waitFor();

    await page.getByRole('button', { name: 'New schedule' }).click();
    const form = page.getByRole('form', { name: 'New schedule' });
    await form.getByLabel('Name').fill('nightly ssh on web-1');
    await form.getByRole('checkbox', { name: 'Every policy the agents have' }).uncheck();
    await form.getByLabel('Policy ids').fill(POLICY);
    await form.getByRole('checkbox', { name: /Every host/ }).uncheck();
    await form.getByLabel('Hosts', { exact: true }).selectOption({ label: 'web-1' });
    await form.getByRole('radio', { name: /Daily at/ }).check();
    await form.getByLabel('Daily at (UTC)').fill('03:30');
    await form.getByRole('button', { name: 'Create schedule' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved nightly ssh on web-1.' }).waitFor();
    const row = page.getByRole('table', { name: 'Schedules' }).getByRole('row').filter({ hasText: 'nightly ssh on web-1' });
    expect(await row.locator('td').allTextContents()).toEqual(expect.arrayContaining([POLICY, '1 host', 'Daily at 03:30 UTC', 'never']));
    const [stored] = (await admin.get<{ items: Schedule[] }>('/api/v1/baselines/schedules')).body.items;
    expect(stored).toMatchObject({ name: 'nightly ssh on web-1', policies: [POLICY], hostIds: [hostIds.get('web-1')], dailyAt: '03:30', enabled: true });
    await page.screenshot({ path: join(artifacts, 'schedules.png'), fullPage: true });

    await row.getByRole('button', { name: 'Run nightly ssh on web-1 now' }).click();
    await page.getByRole('status').filter({ hasText: '1 host ordered to run now' }).waitFor();
    const orders = (await admin.get<{ items: { kind: string; payload: Record<string, unknown> }[] }>(`/api/v1/hosts/${hostIds.get('web-1')}/orders`)).body.items;
    expect(orders).toEqual([expect.objectContaining({ kind: 'baseline_scan', payload: { policies: [POLICY], trustedPolicies: [], scheduleId: stored!.id } })]);
    expect((await admin.get<{ items: unknown[] }>(`/api/v1/hosts/${hostIds.get('db-1')}/orders`)).body.items).toEqual([]);

    const trust = page.getByRole('table', { name: 'Policy command trust' }).getByRole('row').filter({ hasText: POLICY });
    await trust.getByText('Not trusted').waitFor();
    await trust.getByRole('button', { name: `Trust ${POLICY}` }).click();
    await trust.getByText('Trusted: commands run').waitFor();
    expect((await admin.get<{ items: { policyId: string; trusted: boolean }[] }>('/api/v1/baselines/trusted-policies')).body.items).toEqual([expect.objectContaining({ policyId: POLICY, trusted: true })]);

    await row.getByRole('button', { name: 'Edit nightly ssh on web-1' }).click();
    const edit = page.getByRole('form', { name: 'Edit schedule' });
    await edit.getByRole('checkbox', { name: 'Enabled' }).uncheck();
    await edit.getByRole('button', { name: 'Save schedule' }).click();
    await row.getByText('Disabled').waitFor();
    expect((await admin.get<{ items: Schedule[] }>('/api/v1/baselines/schedules')).body.items[0]).toMatchObject({ enabled: false, dailyAt: '03:30' });
    await page.screenshot({ path: join(artifacts, 'schedule-disabled.png'), fullPage: true });

    await row.getByRole('button', { name: 'Delete' }).click();
    await row.getByRole('button', { name: 'Delete schedule' }).click();
    await page.getByText('No schedules.').waitFor();
    expect((await admin.get<{ items: Schedule[] }>('/api/v1/baselines/schedules')).body.items).toEqual([]);
    await page.context().close();
  });

  it("shows a check's result intervals and daily pass rate, and each host's pass rate", async () => {
    const page = await browser.signedInPage(`/baselines?failing=false&check=${encodeURIComponent(`${POLICY}/1001`)}`);
    const detail = page.getByRole('region', { name: 'Check detail' });
    const history = detail.getByRole('table', { name: 'Result history' });
    await history.locator('tbody tr').nth(2).waitFor();
    const rows = await history.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    // Latest first: today's two passing results, then web-1's failure of yesterday, each from and
    // to its one scan.
    expect(rows.map((cells) => [cells[0], cells[1], cells[2] === cells[3], cells[4]])).toEqual([
      ['db-1', 'Passed', true, '1 scan'],
      ['web-1', 'Passed', true, '1 scan'],
      ['web-1', 'Failed', true, '1 scan'],
    ]);
    await detail.getByRole('img', { name: `Daily pass rate of ${POLICY} 1001` }).waitFor();
    await detail.screenshot({ path: join(artifacts, 'check-result-history.png') });
    // Hosts by pass rate, lowest first.
    const hostRows = page.getByRole('table', { name: 'Hosts by pass rate' }).locator('tbody tr');
    await hostRows.nth(1).waitFor();
    const rates = await hostRows.evaluateAll((trs) => trs.map((tr) => [tr.querySelector('td')?.textContent, tr.querySelectorAll('td')[4]?.textContent]));
    expect(rates).toEqual([
      ['db-1', '67 %'],
      ['web-1', '100 %'],
    ]);
    // db-1's page: its counts over both policies, and the pass rate of each.
    await page.goto(`${test.url}/hosts/${hostIds.get('db-1')}`);
    const panel = page.getByRole('region', { name: 'Baseline' });
    await expect.poll(() => panel.getByLabel('Pass rate by policy').textContent()).toBe('palisade_kernel 100 % · palisade_ssh 50 %');
    expect(await panel.getByLabel('Baseline summary').textContent()).toContain('2 passed · 1 failed · 0 not applicable');
    await page.screenshot({ path: join(artifacts, 'check-history.png'), fullPage: true });
    await page.context().close();
  });

  it('shows a viewer the schedules and trust without any button', async () => {
    await admin.post('/api/v1/baselines/schedules', { name: 'everything daily', dailyAt: '04:00' });
    expect((await admin.post('/api/v1/users', { username: 'vera', password: 'one-time-password-1', role: 'viewer' })).status).toBe(201);
    const vera = new ApiClient(test.url);
    expect((await vera.login('vera', 'one-time-password-1')).status).toBe(200);
    expect((await vera.post('/api/v1/auth/password', { currentPassword: 'one-time-password-1', newPassword: 'vera only reads schedules' })).status).toBe(200);
    const page = await browser.signedInPage(`/baselines/schedules`, 'vera', 'vera only reads schedules');
    await page.getByRole('table', { name: 'Schedules' }).getByRole('row').filter({ hasText: 'everything daily' }).waitFor();
    await page.getByRole('table', { name: 'Policy command trust' }).getByRole('row').filter({ hasText: POLICY }).waitFor();
    expect(await page.getByRole('button', { name: 'New schedule' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Run .* now|Edit|Delete|Trust|Distrust/ }).count()).toBe(0);
    await page.context().close();
  });
});
