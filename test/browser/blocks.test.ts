// The Blocked sources page in a real browser (Debian's Chromium via playwright-core, real server on
// SQLite). An agent-shaped client reports a brute force while automatic blocking is on: the page
// lists the block; an admin extends it by 7 days and lifts it through the UI (the server shows
// both, each audited), and turns automatic blocking off in the setting form. A viewer sees the
// list and the setting read-only, without Extend or Lift. Screenshots go to test-artifacts/console-blocks/.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, launchChromium, prepareConsole, startConsoleServer } from '../support/browser.js';
import type { ConsoleBrowser } from '../support/browser.js';
import { ADMIN_PASSWORD, ApiClient } from '../support/test-server.js';
import type { TestServer } from '../support/test-server.js';

const ATTACKER = '198.51.100.23';

interface Block {
  id: string;
  state: string;
  expiresAt: string;
  liftedBy: string | null;
}

describe.skipIf(!haveChromium())('blocked sources page in Chromium', () => {
  let test: TestServer;
  let admin: ApiClient;
  let browser: ConsoleBrowser;
  let artifacts = '';

  /** Signed in on the hosts list, then to the blocks through the navigation, as a user goes. */
  async function blocksPage(username: string, password: string): Promise<Page> {
    const page = await browser.signedInPage('/hosts', username, password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Blocked sources' }).click();
    await page.waitForURL(`${test.url}/blocks`);
    return page;
  }

  beforeAll(async () => {
    artifacts = prepareConsole('console-blocks');
    ({ test, admin } = await startConsoleServer());
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
    browser = await launchChromium(test.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await test?.close();
  });

  it('lists the automatic block, extends and lifts it, and turns automatic blocking off', async () => {
    const page = await blocksPage('admin', ADMIN_PASSWORD);
    const row = page.getByRole('table', { name: 'Blocks' }).getByRole('row').filter({ hasText: ATTACKER });
    await row.waitFor();
    expect(await row.textContent()).toContain(`Brute force from ${ATTACKER}`);
    expect(await row.textContent()).toContain('by system');
    expect(await row.getByText('waiting for the agent').count()).toBe(1);
    await page.screenshot({ path: join(artifacts, 'blocks.png'), fullPage: true });

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
    await page.screenshot({ path: join(artifacts, 'blocks-lifted.png'), fullPage: true });
    await page.context().close();
  });

  it('shows a viewer the blocks and the setting without Extend, Lift or Save', async () => {
    expect((await admin.post('/api/v1/users', { username: 'vic', password: 'one-time-password-1', role: 'viewer' })).status).toBe(201);
    const vic = new ApiClient(test.url);
    expect((await vic.login('vic', 'one-time-password-1')).status).toBe(200);
    expect((await vic.post('/api/v1/auth/password', { currentPassword: 'one-time-password-1', newPassword: 'vic reads blocks only' })).status).toBe(200);
    const page = await blocksPage('vic', 'vic reads blocks only');
    await page.getByRole('table', { name: 'Blocks' }).getByRole('row').filter({ hasText: ATTACKER }).waitFor();
    expect(await page.getByRole('button', { name: /Extend|Lift/ }).count()).toBe(0);
    const form = page.getByRole('form', { name: 'Automatic blocking' });
    expect(await form.getByLabel('Block automatically').isDisabled()).toBe(true);
    expect(await form.getByRole('button', { name: 'Save blocking setting' }).count()).toBe(0);
    await page.context().close();
  });
});
