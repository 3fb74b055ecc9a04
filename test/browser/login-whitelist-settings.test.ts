// Login events and detection settings in a real browser: Debian's Chromium driven by
// playwright-core against a real server (SQLite). An agent-shaped client reports two brute forces
// from one /24; on the first event, "Add to whitelist" proposes a rule from it, the analyst widens
// it to the /24 on all hosts for 7 days, creates it and applies it to the past pending events: both
// turn whitelisted. Then the Login detection page lowers the brute-force threshold to 3, and 3
// failures from a new source raise an event. Screenshots go to test-artifacts/console-logins/.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, launchChromium, prepareConsole, startConsoleServer } from '../support/browser.js';
import type { ConsoleBrowser } from '../support/browser.js';
import { ADMIN_PASSWORD, ApiClient } from '../support/test-server.js';
import type { TestServer } from '../support/test-server.js';

interface Event {
  id: number;
  status: string;
  details: { sourceIp: string };
}

describe.skipIf(!haveChromium())('login events and detection settings in Chromium', () => {
  let test: TestServer;
  let admin: ApiClient;
  let agent: ApiClient;
  let browser: ConsoleBrowser;
  let artifacts = '';
  let seq = 0;
  let clock = Date.now() - 600_000;

  /** The agent reports `count` failed sshd logins of `user` from `ip`, a second apart. */
  async function failures(ip: string, user: string, count: number): Promise<void> {
    const events = Array.from({ length: count }, () => {
      clock += 1000;
      seq++;
      const time = new Date(clock).toISOString();
      return { seq, type: 'login.event', time, data: { type: 'failure', service: 'sshd', reason: 'wrong_password', user, sourceIp: ip, sourcePort: 40000 + seq, host: 'web-1', time, file: '/var/log/auth.log', line: seq } };
    });
    expect((await agent.post('/api/v1/agent/events', { spoolId: 'browser-spool', events })).status).toBe(200);
  }

  const bruteForces = async (q: string) => (await admin.get<{ items: Event[] }>(`/api/v1/events?type=brute_force&q=${q}`)).body.items;

  // 1000 px tall, as this test's screenshots always were (signedInPage's default is 900).
  const adminPage = (): Promise<Page> => browser.signedInPage('/events', 'admin', ADMIN_PASSWORD, { width: 1440, height: 1000 });

  beforeAll(async () => {
    artifacts = prepareConsole('console-logins');
    ({ test, admin } = await startConsoleServer());
    const token = (await admin.post<{ token: string }>('/api/v1/enrollment-tokens', { name: 'logins browser test' })).body.token;
    const enrolled = await new ApiClient(test.url).post<{ credential: string }>('/api/v1/agent/enroll', {
      enrollToken: token,
      host: { machineId: 'machine-web-1', hostname: 'web-1', ips: [], osName: 'Debian', osVersion: '12', kernel: '6.1', arch: 'x86_64', agentVersion: '0.1.0', components: [] },
    });
    agent = new ApiClient(test.url, enrolled.body.credential);
    await failures('192.0.2.77', 'deploy', 5);
    await failures('192.0.2.78', 'deploy', 5);
    expect((await bruteForces('192.0.2.7')).length).toBe(2);
    browser = await launchChromium(test.url);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await test?.close();
  });

  it('builds a whitelist rule from a login event, creates it and applies it to past events', async () => {
    const page = await adminPage();
    const [event] = await bruteForces('192.0.2.77');
    await page.goto(`${test.url}/events/${event!.id}`);
    const panel = page.getByRole('region', { name: 'Whitelist' });
    await panel.getByRole('button', { name: 'Add to whitelist' }).click();

    // Proposed: this address, this user, this host, no expiry.
    const form = page.getByRole('form', { name: 'Whitelist rule' });
    await form.waitFor();
    const summary = form.getByLabel('Rule summary');
    expect(await summary.textContent()).toBe('Covers logins of deploy from 192.0.2.77 on web-1, with no expiry.');
    await page.screenshot({ path: join(artifacts, 'proposal.png'), fullPage: true });

    // Widened: the /24 of the attacker, every host, a week.
    await form.getByRole('radio', { name: /its network/ }).check();
    await form.getByRole('radio', { name: 'all hosts' }).check();
    await form.getByLabel('Expires after').selectOption({ label: '7 days' });
    await form.getByLabel('Name').fill('deploy robot network');
    await expect.poll(() => summary.textContent()).toMatch(/^Covers logins of deploy from 192\.0\.2\.0\/24 on all hosts, until .+\.$/);
    await form.getByRole('button', { name: 'Create rule' }).click();
    await panel.getByRole('status').filter({ hasText: 'Rule "deploy robot network" created' }).waitFor();

    const rules = (await admin.get<{ items: { name: string; source: string; user: string; hostIds: string[]; expiresAt: string }[] }>('/api/v1/whitelists')).body.items;
    expect(rules).toEqual([expect.objectContaining({ name: 'deploy robot network', source: '192.0.2.0/24', user: 'deploy', hostIds: [] })]);
    const days = (Date.parse(rules[0]!.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThan(7.1);

    await panel.getByRole('button', { name: 'Apply to past pending events' }).click();
    await page.getByRole('status').filter({ hasText: '2 pending events whitelisted' }).waitFor();
    await page.getByRole('list', { name: 'Event facts' }).or(page.getByLabel('Event facts')).getByText('Whitelisted').first().waitFor();
    await page.screenshot({ path: join(artifacts, 'applied.png'), fullPage: true });
    expect((await bruteForces('192.0.2.7')).map((e) => e.status)).toEqual(['whitelisted', 'whitelisted']);
    await page.context().close();
  });

  it('lowers the brute-force threshold on the Login detection page, and 3 failures then raise an event', async () => {
    const page = await adminPage();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Login detection' }).click();
    await page.waitForURL(`${test.url}/settings/login-detection`);
    const form = page.getByRole('form', { name: 'Login detection settings' });
    const threshold = form.getByLabel('Brute force threshold');
    expect(await threshold.inputValue()).toBe('5');
    await threshold.fill('3');
    await form.getByLabel('bruteForce threat level').selectOption('critical');
    await form.getByRole('checkbox', { name: 'Password spraying on' }).uncheck();
    await form.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await page.getByText('Changed by admin').waitFor();
    await page.screenshot({ path: join(artifacts, 'settings.png'), fullPage: true });

    const saved = (await admin.get<{ config: { bruteForce: { failures: number; severity: string }; spraying: { enabled: boolean } } }>('/api/v1/settings/login-detection')).body.config;
    expect([saved.bruteForce.failures, saved.bruteForce.severity, saved.spraying.enabled]).toEqual([3, 'critical', false]);
    await failures('203.0.113.9', 'root', 3);
    expect((await bruteForces('203.0.113.9')).length).toBe(1);

    // A window the server refuses (over a week) is reported, and nothing changes.
    await form.getByLabel('Brute force window').fill('999999');
    await form.evaluate((element) => element.setAttribute('novalidate', ''));
    await form.getByRole('button', { name: 'Save settings' }).click();
    await form.getByRole('alert').filter({ hasText: 'bruteForce' }).waitFor();
    expect((await admin.get<{ config: { bruteForce: { seconds: number } } }>('/api/v1/settings/login-detection')).body.config.bruteForce.seconds).toBe(60);
    await page.context().close();
  });
});
