// The Whitelists page in a real browser: Debian's Chromium driven by playwright-core against a real
// server (SQLite). Two hosts report brute forces of user "backup" from 198.51.100.0/24 (web-1
// twice, db-1 once). The page lists a rule made through the API that has already expired (marked
// so), creates one through the form (the /24, user backup, web-1 only, 30 days), applies it to the
// pending events and is told 2 changed: web-1's two turn whitelisted, db-1's stays pending. A bad
// source is refused with the server's message and nothing is created; delete asks to confirm; a
// viewer reads the rules without the form or the buttons. Screenshots go to
// test-artifacts/console-whitelists/.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, launchChromium, prepareConsole, startConsoleServer } from '../support/browser.js';
import type { ConsoleBrowser } from '../support/browser.js';
import { ApiClient } from '../support/test-server.js';
import type { TestServer } from '../support/test-server.js';

interface Event {
  id: number;
  hostId: string | null;
  status: string;
  details: { sourceIp: string };
}

interface Rule {
  id: string;
  name: string;
  source: string | null;
  user: string | null;
  hostIds: string[];
  hours: { from: number; to: number } | null;
  expiresAt: string | null;
  createdBy: string | null;
}

describe.skipIf(!haveChromium())('whitelist rules page in Chromium', () => {
  let test: TestServer;
  let admin: ApiClient;
  let browser: ConsoleBrowser;
  let artifacts = '';
  const hosts: Record<string, { id: string; agent: ApiClient }> = {};
  let seq = 0;
  let clock = Date.now() - 600_000;

  async function enroll(hostname: string): Promise<void> {
    const token = (await admin.post<{ token: string }>('/api/v1/enrollment-tokens', { name: `whitelists ${hostname}` })).body.token;
    const enrolled = await new ApiClient(test.url).post<{ hostId: string; credential: string }>('/api/v1/agent/enroll', {
      enrollToken: token,
      host: { machineId: `machine-${hostname}`, hostname, ips: [], osName: 'Debian', osVersion: '12', kernel: '6.1', arch: 'x86_64', agentVersion: '0.1.0', components: [] },
    });
    expect(enrolled.status).toBe(201);
    hosts[hostname] = { id: enrolled.body.hostId, agent: new ApiClient(test.url, enrolled.body.credential) };
  }

  /** `hostname`'s agent reports 5 failed sshd logins of `user` from `ip` (a brute force), a second apart. */
  async function bruteForce(hostname: string, ip: string, user: string): Promise<void> {
    const events = Array.from({ length: 5 }, () => {
      clock += 1000;
      seq++;
      const time = new Date(clock).toISOString();
      return { seq, type: 'login.event', time, data: { type: 'failure', service: 'sshd', reason: 'wrong_password', user, sourceIp: ip, sourcePort: 40000 + seq, host: hostname, time, file: '/var/log/auth.log', line: seq } };
    });
    expect((await hosts[hostname]!.agent.post('/api/v1/agent/events', { spoolId: `spool-${hostname}`, events })).status).toBe(200);
  }

  const bruteForces = async () => (await admin.get<{ items: Event[] }>('/api/v1/events?type=brute_force')).body.items;
  const rulesByApi = async () => (await admin.get<{ items: Rule[] }>('/api/v1/whitelists')).body.items;
  beforeAll(async () => {
    artifacts = prepareConsole('console-whitelists');
    ({ test, admin } = await startConsoleServer());
    await enroll('web-1');
    await enroll('db-1');
    await bruteForce('web-1', '198.51.100.20', 'backup');
    await bruteForce('web-1', '198.51.100.30', 'backup');
    await bruteForce('db-1', '198.51.100.20', 'backup');
    expect((await bruteForces()).map((event) => event.status)).toEqual(['pending', 'pending', 'pending']);
    browser = await launchChromium(test.url);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await test?.close();
  });

  it('lists rules with their conditions and expiry, creates one and applies it to pending events', async () => {
    // A vendor's access that ended an hour ago: kept on the list, marked expired.
    const old = await admin.post('/api/v1/whitelists', { name: 'vendor maintenance', source: '203.0.113.0/24', expiresAt: new Date(Date.now() - 3600_000).toISOString() });
    expect(old.status).toBe(201);

    const page = await browser.signedInPage('/events');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Whitelists' }).click();
    await page.waitForURL(`${test.url}/whitelists`);
    const table = page.getByRole('table', { name: 'Whitelist rules' });
    const vendor = table.getByRole('row').filter({ hasText: 'vendor maintenance' });
    await vendor.waitFor();
    expect(await vendor.getByRole('cell', { name: '203.0.113.0/24', exact: true }).count()).toBe(1);
    expect(await vendor.getByText('all hosts', { exact: true }).count()).toBe(1);
    expect(await vendor.getByText('Expired', { exact: true }).count()).toBe(1);
    expect(await vendor.getByText('1 h ago', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Rules (1, 1 expired)' }).count()).toBe(1);

    // The backup robot's network, user backup, on web-1 only, for 30 days.
    const form = page.getByRole('form', { name: 'Create whitelist rule' });
    await form.getByLabel('Name').fill('backup robot');
    await form.getByLabel('Source address or network').fill('198.51.100.0/24');
    await form.getByLabel('User').fill('backup');
    await form.getByRole('group', { name: 'Hosts' }).getByRole('checkbox', { name: 'web-1' }).check();
    await form.getByLabel('Expires after').selectOption({ label: '30 days' });
    await form.getByRole('button', { name: 'Create rule' }).click();
    await page.getByRole('status').filter({ hasText: 'Created the rule “backup robot”' }).waitFor();
    const robot = table.getByRole('row').filter({ hasText: 'backup robot' });
    await robot.waitFor();
    expect(await robot.getByRole('cell', { name: '198.51.100.0/24', exact: true }).count()).toBe(1);
    expect(await robot.getByRole('cell', { name: 'backup', exact: true }).count()).toBe(1);
    expect(await robot.getByRole('link', { name: 'web-1' }).count()).toBe(1);
    expect(await robot.getByRole('cell', { name: 'admin', exact: true }).count()).toBe(1);
    expect(await robot.getByText('Active', { exact: true }).count()).toBe(1);
    expect((await robot.getByText('in 29 d', { exact: true }).count()) + (await robot.getByText('in 30 d', { exact: true }).count())).toBe(1);
    expect(await page.getByRole('heading', { name: 'Rules (2, 1 expired)' }).count()).toBe(1);
    const created = (await rulesByApi()).find((rule) => rule.name === 'backup robot');
    expect(created).toMatchObject({ source: '198.51.100.0/24', user: 'backup', hostIds: [hosts['web-1']!.id], hours: null, createdBy: 'admin' });
    const days = (Date.parse(created!.expiresAt!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
    await page.screenshot({ path: join(artifacts, 'whitelists.png'), fullPage: true });

    // Applied: web-1's two brute forces are covered, db-1's is not (another host).
    await robot.getByRole('button', { name: 'Apply to pending events' }).click();
    await page.getByRole('status').filter({ hasText: 'Applied “backup robot”: 2 pending events whitelisted.' }).waitFor();
    const after = await bruteForces();
    expect(after.filter((event) => event.hostId === hosts['web-1']!.id).map((event) => event.status)).toEqual(['whitelisted', 'whitelisted']);
    expect(after.filter((event) => event.hostId === hosts['db-1']!.id).map((event) => event.status)).toEqual(['pending']);
    // Nothing is left for it to cover.
    await robot.getByRole('button', { name: 'Apply to pending events' }).click();
    await page.getByRole('status').filter({ hasText: 'Applied “backup robot”: no pending event was covered.' }).waitFor();
    await page.screenshot({ path: join(artifacts, 'whitelist-applied.png'), fullPage: true });
    await page.context().close();
  });

  it('shows the server refusing a bad source and deletes a rule after confirmation', async () => {
    const page = await browser.signedInPage('/whitelists');
    const table = page.getByRole('table', { name: 'Whitelist rules' });
    await table.getByRole('row').filter({ hasText: 'vendor maintenance' }).waitFor();
    const form = page.getByRole('form', { name: 'Create whitelist rule' });
    await form.getByLabel('Name').fill('typo');
    await form.getByLabel('Source address or network').fill('10.0.0.0/33');
    await form.getByRole('button', { name: 'Create rule' }).click();
    await form.getByRole('alert').filter({ hasText: '10.0.0.0/33' }).waitFor();
    expect((await rulesByApi()).map((rule) => rule.name)).toEqual(['vendor maintenance', 'backup robot']);
    // The form keeps what was typed, to be corrected.
    expect(await form.getByLabel('Name').inputValue()).toBe('typo');

    const vendor = table.getByRole('row').filter({ hasText: 'vendor maintenance' });
    await vendor.getByRole('button', { name: 'Delete' }).click();
    await vendor.getByRole('button', { name: 'Cancel' }).click();
    expect((await rulesByApi()).length).toBe(2);
    await vendor.getByRole('button', { name: 'Delete' }).click();
    await vendor.getByRole('button', { name: 'Confirm delete' }).click();
    await page.getByRole('status').filter({ hasText: 'Deleted the rule “vendor maintenance”' }).waitFor();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    expect((await rulesByApi()).map((rule) => rule.name)).toEqual(['backup robot']);
    const audit = await admin.get<{ items: { action: string; details: { events?: number[] } }[] }>('/api/v1/audit');
    const actions = audit.body.items.map((entry) => entry.action);
    expect(actions.filter((action) => action === 'whitelist.created').length).toBe(2);
    expect(actions.filter((action) => action === 'whitelist.applied').length).toBe(2);
    expect(actions.filter((action) => action === 'whitelist.deleted').length).toBe(1);
    await page.context().close();
  });

  it('shows a viewer the rules without the form or the buttons', async () => {
    expect((await admin.post('/api/v1/users', { username: 'vera', password: 'one-time-password-1', role: 'viewer' })).status).toBe(201);
    const vera = new ApiClient(test.url);
    expect((await vera.login('vera', 'one-time-password-1')).status).toBe(200);
    expect((await vera.post('/api/v1/auth/password', { currentPassword: 'one-time-password-1', newPassword: 'vera reads the rules only' })).status).toBe(200);
    const page = await browser.signedInPage('/whitelists', 'vera', 'vera reads the rules only');
    const table = page.getByRole('table', { name: 'Whitelist rules' });
    await table.getByRole('row').filter({ hasText: 'backup robot' }).waitFor();
    expect(await page.getByRole('form', { name: 'Create whitelist rule' }).count()).toBe(0);
    expect(await table.getByRole('button').count()).toBe(0);
    await page.context().close();
  });
});
