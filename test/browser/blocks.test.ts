// The Blocked sources page in a real browser (Debian's Chromium via playwright-core, real server on
// SQLite). An agent-shaped client reports a brute force while automatic blocking is on: the page
// lists the block; an admin extends it by 7 days and lifts it through the UI (the server shows
// both, each audited), and turns automatic blocking off in the setting form. A viewer sees the
// list and the setting read-only, without Extend or Lift. Screenshots go to test-artifacts/console-blocks/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needService } from '../support/services.js';
import { ADMIN_PASSWORD, ApiClient, startTestServer } from '../support/test-server.js';
import type { TestServer } from '../support/test-server.js';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS = join(ROOT, 'test-artifacts', 'console-blocks');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ATTACKER = '198.51.100.23';

const haveChromium = needService('Chromium', { available: existsSync(CHROMIUM), reason: `${CHROMIUM} is missing (apt-get install chromium)` });

interface Block {
  id: string;
  state: string;
  expiresAt: string;
  liftedBy: string | null;
}

describe.skipIf(!haveChromium)('blocked sources page in Chromium', () => {
  let test: TestServer;
  let admin: ApiClient;
  let browser: Browser;

  async function signIn(page: Page, username: string, password: string) {
    await page.goto(`${test.url}/hosts`);
    await page.getByLabel('User name').fill(username);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Blocked sources' }).click();
    await page.waitForURL(`${test.url}/blocks`);
  }

  beforeAll(async () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
    mkdirSync(ARTIFACTS, { recursive: true });
    const started = await startTestServer('sqlite');
    if (!started) throw new Error('SQLite test server did not start');
    test = started;
    admin = new ApiClient(test.url);
    expect((await admin.login('admin', ADMIN_PASSWORD)).status).toBe(200);
    expect((await admin.request('PUT', '/api/v1/response/settings', { autoBlock: true, blockSeconds: 3600, triggers: ['brute_force'], managementCidrs: ['10.0.0.0/8'] })).status).toBe(200);
    const token = (await admin.post<{ token: string }>('/api/v1/enrollment-tokens', { name: 'blocks browser test' })).body.token;
    const enrolled = await new ApiClient(test.url).post<{ hostId: string; credential: string }>('/api/v1/agent/enroll', {
      enrollToken: token,
      host: { machineId: 'machine-web-1', hostname: 'web-1', ips: ['192.0.2.10'], osName: 'Debian', osVersion: '12', kernel: '6.1', arch: 'x86_64', agentVersion: '0.1.0', components: [] },
    });
    const agent = new ApiClient(test.url, enrolled.body.credential);
    const time = new Date().toISOString();
    const events = [1, 2, 3, 4, 5].map((seq) => ({ seq, type: 'login.event', time, data: { type: 'failure', service: 'sshd', reason: 'wrong_password', user: 'root', sourceIp: ATTACKER, sourcePort: 40000 + seq, host: 'web-1', time, file: '/var/log/auth.log', line: seq } }));
    expect((await agent.post('/api/v1/agent/events', { spoolId: 'blocks-browser', events })).status).toBe(200);
    expect((await admin.get<{ total: number }>('/api/v1/blocks?state=active')).body.total).toBe(1);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await test?.close();
  });

  it('lists the automatic block, extends and lifts it, and turns automatic blocking off', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, 'admin', ADMIN_PASSWORD);
    const row = page.getByRole('table', { name: 'Blocks' }).getByRole('row').filter({ hasText: ATTACKER });
    await row.waitFor();
    expect(await row.textContent()).toContain(`Brute force from ${ATTACKER}`);
    expect(await row.textContent()).toContain('by system');
    expect(await row.getByText('waiting for the agent').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'blocks.png'), fullPage: true });

    await row.getByLabel(`Extend ${ATTACKER} by`).selectOption({ label: '7 days' });
    await row.getByRole('button', { name: 'Extend' }).click();
    await page.getByRole('status').filter({ hasText: `The block of ${ATTACKER} now ends` }).waitFor();
    const [extended] = (await admin.get<{ items: Block[] }>('/api/v1/blocks')).body.items;
    expect(Date.parse(extended!.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);

    await row.getByRole('button', { name: 'Lift' }).click();
    await row.getByRole('button', { name: `Lift ${ATTACKER}` }).click();
    await page.getByRole('status').filter({ hasText: `Lifted the block of ${ATTACKER}` }).waitFor();
    await row.getByText('lifted', { exact: true }).waitFor();
    expect((await admin.get<Block>(`/api/v1/blocks/${extended!.id}`)).body).toMatchObject({ state: 'lifted', liftedBy: 'admin' });
    const audit = (await admin.get<{ items: { action: string; actorName: string; targetId: string }[] }>('/api/v1/audit')).body.items;
    expect(audit.filter((entry) => entry.targetId === extended!.id).map((entry) => `${entry.action} by ${entry.actorName}`)).toEqual(['block.lifted by admin', 'block.extended by admin', 'block.created by system']);

    const form = page.getByRole('form', { name: 'Automatic blocking' });
    expect(await form.getByLabel('Management networks').inputValue()).toBe('10.0.0.0/8');
    await form.getByLabel('Block automatically').uncheck();
    await form.getByLabel('Management networks').fill('10.0.0.0/8\n192.168.0.0/16');
    await form.getByRole('button', { name: 'Save blocking setting' }).click();
    await form.getByRole('status').filter({ hasText: 'Automatic blocking is off' }).waitFor();
    expect((await admin.get('/api/v1/response/settings')).body).toMatchObject({ autoBlock: false, managementCidrs: ['10.0.0.0/8', '192.168.0.0/16'], updatedBy: 'admin' });
    await page.screenshot({ path: join(ARTIFACTS, 'blocks-lifted.png'), fullPage: true });
    await context.close();
  });

  it('shows a viewer the blocks and the setting without Extend, Lift or Save', async () => {
    expect((await admin.post('/api/v1/users', { username: 'vic', password: 'one-time-password-1', role: 'viewer' })).status).toBe(201);
    const vic = new ApiClient(test.url);
    expect((await vic.login('vic', 'one-time-password-1')).status).toBe(200);
    expect((await vic.post('/api/v1/auth/password', { currentPassword: 'one-time-password-1', newPassword: 'vic reads blocks only' })).status).toBe(200);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, 'vic', 'vic reads blocks only');
    await page.getByRole('table', { name: 'Blocks' }).getByRole('row').filter({ hasText: ATTACKER }).waitFor();
    expect(await page.getByRole('button', { name: /Extend|Lift/ }).count()).toBe(0);
    const form = page.getByRole('form', { name: 'Automatic blocking' });
    expect(await form.getByLabel('Block automatically').isDisabled()).toBe(true);
    expect(await form.getByRole('button', { name: 'Save blocking setting' }).count()).toBe(0);
    await context.close();
  });
});
