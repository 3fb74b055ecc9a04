// The console in a real browser: Debian's Chromium driven by playwright-core against a real server
// (SQLite) with a real agent enrolled to it. It signs in, finds this machine online, opens it,
// sends a resync, creates and revokes an enrollment token, and covers the forced password change
// and the login rate limit. Screenshots go to test-artifacts/console/ for people to look at.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent } from '../../src/agent/daemon.js';
import type { RunningAgent } from '../../src/agent/daemon.js';
import type { Host } from '../../src/model/host.js';
import { haveChromium, launchChromium, prepareConsole, startConsoleServer } from '../support/browser.js';
import type { ConsoleBrowser } from '../support/browser.js';
import { ADMIN_PASSWORD, ApiClient } from '../support/test-server.js';
import type { TestServer } from '../support/test-server.js';

describe.skipIf(!haveChromium())('console in Chromium', () => {
  let test: TestServer;
  let admin: ApiClient;
  let agent: RunningAgent;
  let agentDir: string;
  let browser: ConsoleBrowser;
  let artifacts = '';
  let host: Host;

  beforeAll(async () => {
    artifacts = prepareConsole('console');
    ({ test, admin } = await startConsoleServer());
    const token = await admin.post<{ token: string }>('/api/v1/enrollment-tokens', { name: 'browser test agent' });
    expect(token.status).toBe(201);
    agentDir = mkdtempSync(join(tmpdir(), 'palisade-console-agent-'));
    agent = await startAgent({ serverUrl: test.url, enrollToken: token.body.token, dataDir: agentDir, log: pino({ level: 'silent' }), inventory: false });
    const hosts = await admin.get<{ items: Host[] }>('/api/v1/hosts');
    const enrolled = hosts.body.items.find((item) => item.id === agent.hostId);
    if (!enrolled) throw new Error('the agent enrolled but its host is not listed');
    host = enrolled;
    browser = await launchChromium(test.url);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await agent?.stop();
    await test?.close();
    if (agentDir) rmSync(agentDir, { recursive: true, force: true });
  });

  async function signIn(page: Page, username: string, password: string): Promise<void> {
    await page.getByLabel('User name').fill(username);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('signs in, lists this host online with its facts, and opens its detail page', async () => {
    const page = await browser.newPage();
    await page.goto(`${test.url}/`);
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in to the console' }).isVisible()).toBe(true);
    await page.screenshot({ path: join(artifacts, 'login.png') });

    await signIn(page, 'admin', 'not the password');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('invalid username or password');
    await page.screenshot({ path: join(artifacts, 'login-error.png') });

    await signIn(page, 'admin', ADMIN_PASSWORD);
    const table = page.getByRole('table', { name: 'Hosts' });
    const row = table.getByRole('row').filter({ hasText: host.hostname });
    await row.waitFor();
    expect(page.url()).toBe(`${test.url}/hosts`);
    expect(await row.getByText('Online').isVisible()).toBe(true);
    const rowText = (await row.textContent()) ?? '';
    for (const fact of [host.kernel, host.agentVersion, `${host.osName} ${host.osVersion}`, ...host.ips.slice(0, 3)]) expect(rowText).toContain(fact);
    // Last seen: relative in the cell, the exact time on hover.
    const lastSeen = row.locator('td').last().locator('time');
    expect(Date.parse((await lastSeen.getAttribute('datetime')) ?? '')).toBeGreaterThanOrEqual(Date.parse(host.lastSeenAt));
    expect(await lastSeen.getAttribute('title')).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC\)$/);
    expect(await page.locator('.topbar').textContent()).toContain('default');
    expect(await page.locator('.topbar').textContent()).toContain('admin');
    const summary = page.getByRole('group', { name: 'Hosts by status' });
    await expect.poll(() => summary.getByRole('button', { name: /^Online/ }).textContent()).toBe('Online1');
    await page.screenshot({ path: join(artifacts, 'hosts.png'), fullPage: true });

    // Search filters through the API; a miss shows the empty state, clearing brings the host back.
    await page.getByLabel('Search hosts').fill('no-such-host-anywhere');
    await page.getByText('No host matches these filters.').waitFor();
    expect(page.url()).toContain('q=no-such-host-anywhere');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await row.waitFor();
    await page.getByLabel('Status filter').selectOption('offline');
    await page.getByText('No host matches these filters.').waitFor();
    await page.getByLabel('Status filter').selectOption('online');
    await row.waitFor();

    await row.getByRole('link', { name: host.hostname }).click();
    await page.waitForURL(`${test.url}/hosts/${host.id}`);
    const facts = page.getByRole('definition');
    await facts.first().waitFor();
    const factText = (await page.locator('dl.facts').textContent()) ?? '';
    for (const fact of [host.machineId, host.id, host.kernel, host.arch, host.protectionPlan, ...host.ips, ...host.components]) expect(factText).toContain(fact);
    await page.getByText('No orders sent to this host yet.').waitFor();

    // Resync goes to the real agent, which long-polls for it and reports back.
    await page.getByRole('button', { name: 'Resync' }).click();
    const order = page.getByRole('table', { name: 'Orders' }).getByRole('row').filter({ hasText: 'resync' });
    await order.getByText('Done').waitFor({ timeout: 40_000 });
    await page.screenshot({ path: join(artifacts, 'host.png'), fullPage: true });

    // A reload on a deep link lands on the same page (the server falls back to index.html).
    await page.reload();
    await page.getByRole('heading', { name: host.hostname }).waitFor();

    // Unknown hosts and unknown pages say so inside the console frame.
    await page.goto(`${test.url}/hosts/no-such-host`);
    await page.getByText('This host does not exist, or it belongs to another tenant.').waitFor();
    await page.goto(`${test.url}/no/such/page`);
    await page.getByText('There is no console page at this address.').waitFor();
    await page.context().close();
  });

  it('creates an enrollment token, shows the install command once, and revokes it', async () => {
    const page = await browser.newPage();
    await page.goto(`${test.url}/hosts`);
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Enrollment' }).click();
    await page.waitForURL(`${test.url}/enrollment`);

    await page.getByLabel('Name').fill('web tier');
    await page.getByLabel('Expires after').selectOption({ label: '7 days' });
    await page.getByRole('button', { name: 'Create token' }).click();
    const command = (await page.getByTestId('install-command').textContent()) ?? '';
    const token = (await page.getByTestId('enroll-token').textContent()) ?? '';
    expect(token.length).toBeGreaterThan(16);
    expect(command).toBe(`palisade agent --server ${test.url} --enroll-token ${token}`);
    const tokens = page.getByRole('table', { name: 'Enrollment tokens' });
    const tokenRow = tokens.getByRole('row').filter({ hasText: 'web tier' });
    await tokenRow.getByText('Active').waitFor();
    await page.screenshot({ path: join(artifacts, 'enrollment.png'), fullPage: true });

    // The token shown is the real one: the server accepts it (checked by listing, not enrolling twice).
    const listed = await admin.get<{ items: { name: string; tokenPrefix: string }[] }>('/api/v1/enrollment-tokens');
    const prefix = listed.body.items.find((item) => item.name === 'web tier')?.tokenPrefix ?? '(none)';
    expect(token.startsWith(prefix)).toBe(true);

    await tokenRow.getByRole('button', { name: 'Revoke' }).click();
    await tokenRow.getByRole('button', { name: 'Confirm revoke' }).click();
    await tokenRow.getByText('Revoked').waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.getByTestId('install-command').count()).toBe(0);

    // A session that ends under the console (cookie gone) brings back the sign-in form.
    await page.context().clearCookies();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Hosts' }).click();
    await page.getByText('Your session has ended. Sign in again.').waitFor();
    await page.context().close();
  });

  it('makes a user with a one-time password choose a new one before anything else', async () => {
    const created = await admin.post('/api/v1/users', { username: 'ana', password: 'one-time-password-1', role: 'viewer' });
    expect(created.status).toBe(201);
    const page = await browser.newPage();
    await page.goto(`${test.url}/hosts`);
    await signIn(page, 'ana', 'one-time-password-1');
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    expect(await page.locator('.sidebar').count()).toBe(0);

    await page.getByLabel('Current password').fill('one-time-password-1');
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('Repeat new password').fill('short');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('at least 12 characters').first().waitFor();
    await page.screenshot({ path: join(artifacts, 'change-password.png') });

    // The server's own refusal is shown as it says it.
    await page.getByLabel('Current password').fill('not-the-one-time-password');
    await page.getByLabel('New password', { exact: true }).fill('ana chose this herself');
    await page.getByLabel('Repeat new password').fill('ana chose this herself');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('the current password is wrong').waitFor();

    await page.getByLabel('Current password').fill('one-time-password-1');
    await page.getByLabel('New password', { exact: true }).fill('ana chose this herself');
    await page.getByLabel('Repeat new password').fill('ana chose this herself');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('table', { name: 'Hosts' }).getByText(host.hostname).waitFor();
    // A viewer sees hosts but neither the enrollment page nor the resync button.
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Enrollment' }).count()).toBe(0);
    await page.getByRole('link', { name: host.hostname }).click();
    await page.getByRole('heading', { name: host.hostname }).waitFor();
    expect(await page.getByRole('button', { name: 'Resync' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to the console' }).waitFor();
    expect((await new ApiClient(test.url).login('ana', 'ana chose this herself')).status).toBe(200);
    await page.context().close();
  });

  it('says "too many attempts" once the server rate-limits a user name', async () => {
    const guesser = new ApiClient(test.url);
    let status = 0;
    // The limiter allows a fixed number of failures per user name, then answers 429.
    for (let attempt = 0; attempt < 50 && status !== 429; attempt++) status = (await guesser.login('mallory', `guess ${attempt}`)).status;
    expect(status).toBe(429);
    const page = await browser.newPage();
    await page.goto(`${test.url}/`);
    await signIn(page, 'mallory', 'one more guess');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/^Too many attempts\. Try again in \d+ (s|min)\.$/);
    await page.screenshot({ path: join(artifacts, 'login-rate-limited.png') });
    await page.context().close();
  });
});
