// The Assets and Events pages in a real browser: Debian's Chromium driven by playwright-core
// against a real server (SQLite) with a real agent reporting this machine's inventory. What the
// pages show is checked against the system's own tools (dpkg-query, ss, /proc), and an inventory
// change event raised for real (a socket this test opens) is marked handled through the UI.
// Screenshots go to test-artifacts/console-assets-events/ for people to look at.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir, totalmem, userInfo } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent } from '../../src/agent/daemon.js';
import type { RunningAgent } from '../../src/agent/daemon.js';
import type { SecurityEvent } from '../../src/model/event.js';
import type { Host } from '../../src/model/host.js';
import { haveChromium, launchChromium, prepareConsole, startConsoleServer } from '../support/browser.js';
import type { ConsoleBrowser } from '../support/browser.js';
import { waitFor } from '../support/processes.js';
import { ApiClient } from '../support/test-server.js';
import type { TestServer } from '../support/test-server.js';

interface InventoryPage {
  items: { name: string; version: string | null; data: Record<string, unknown> }[];
  total: number;
  hosts: number;
}

function dpkg(format: string, ...packages: string[]): string {
  return execFileSync('dpkg-query', ['-W', '-f', format, ...packages], { encoding: 'utf8' });
}

/** Local addresses of listening TCP sockets on a port, as ss prints them. */
function listeningOn(port: number): string[] {
  return execFileSync('ss', ['-Htln'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[3])
    .filter((local): local is string => !!local && local.endsWith(`:${port}`));
}

describe.skipIf(!haveChromium())('assets and events pages in Chromium', () => {
  let test: TestServer;
  let admin: ApiClient;
  let agent: RunningAgent;
  let agentDir: string;
  let browser: ConsoleBrowser;
  let artifacts = '';
  let host: Host;
  let listener: Server | undefined;
  let newPort = 0;

  beforeAll(async () => {
    artifacts = prepareConsole('console-assets-events');
    ({ test, admin } = await startConsoleServer());
    const token = await admin.post<{ token: string }>('/api/v1/enrollment-tokens', { name: 'assets and events browser test' });
    expect(token.status).toBe(201);
    agentDir = mkdtempSync(join(tmpdir(), 'palisade-assets-agent-'));
    agent = await startAgent({ serverUrl: test.url, enrollToken: token.body.token, dataDir: agentDir, log: pino({ level: 'silent' }) });
    const base = `/api/v1/hosts/${agent.hostId}`;
    // The first collection runs kind after kind; the pages below need these to have arrived.
    for (const kind of ['packages', 'ports', 'processes', 'cronJobs']) {
      await waitFor(`${kind} stored`, async () => (await admin.get<InventoryPage>(`${base}/inventory/${kind}?limit=1`)).body.total > 0, 120_000, 500);
      if (kind !== 'ports') continue;
      // The ports baseline is in: a socket opened now is new. A resync makes the agent collect
      // again at once (after its first round); the server then raises inventory.new_port. Started
      // here so the agent works on it while the asset pages are tested.
      listener = createServer();
      const opened = listener;
      await new Promise<void>((resolve) => opened.listen(0, '127.0.0.1', resolve));
      newPort = (opened.address() as { port: number }).port;
      expect((await admin.post(`${base}/orders`, { kind: 'resync' })).status).toBe(201);
    }
    await waitFor('a resource sample', async () => (await admin.get<{ items: unknown[] }>(`${base}/resources`)).body.items.length > 0, 120_000, 500);
    host = (await admin.get<Host>(base)).body;
    browser = await launchChromium(test.url);
  }, 300_000);

  afterAll(async () => {
    listener?.close();
    await browser?.close();
    await agent?.stop();
    await test?.close();
    if (agentDir) rmSync(agentDir, { recursive: true, force: true });
  });

  it('counts assets per kind and finds libc6 at the version dpkg-query reports, with version filters', async () => {
    const installed = dpkg('${db:Status-Abbrev}${Package}\\n')
      .split('\n')
      .filter((line) => /^[hi]i/.test(line)).length;
    const libc = dpkg('${Version}', 'libc6');
    const page = await browser.signedInPage('/assets');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Assets' }).waitFor();
    await expect.poll(() => page.getByTestId('asset-count-packages').textContent()).toBe(String(installed));
    expect(await page.getByRole('listitem', { name: 'Packages', exact: true }).textContent()).toContain('on 1 host');
    await page.screenshot({ path: join(artifacts, 'assets.png'), fullPage: true });

    await page.getByRole('listitem', { name: 'Packages', exact: true }).click();
    await page.waitForURL(`${test.url}/assets/packages`);
    await page.getByLabel('Search packages').fill('libc6');
    const table = page.getByRole('table', { name: 'Packages' });
    const row = table.getByRole('row').filter({ has: page.getByRole('cell', { name: 'libc6', exact: true }) });
    await row.waitFor();
    expect(page.url()).toContain('nameLike=libc6');
    expect(await row.getByRole('cell', { name: libc, exact: true }).count()).toBe(1);
    expect(await row.getByRole('link', { name: host.hostname }).count()).toBe(1);
    await page.screenshot({ path: join(artifacts, 'packages.png'), fullPage: true });

    // "Version below" in dpkg order: a tilde sorts before the installed version, "+zz1" after it.
    await page.getByLabel('Version below').fill(`${libc}~pre`);
    await page.getByText('No packages match these filters.').waitFor();
    await page.getByLabel('Version below').fill(`${libc}+zz1`);
    await row.waitFor();
    await page.getByLabel('Version', { exact: true }).fill(libc);
    await row.waitFor();
    await page.context().close();
  });

  it('lists the listening PostgreSQL port as ss shows it, public or not, and refuses a bad port number', async () => {
    const addresses = listeningOn(5432);
    expect(addresses.length).toBeGreaterThan(0);
    const external = addresses.filter((address) => !address.startsWith('127.') && !address.startsWith('[::1]'));
    const page = await browser.signedInPage('/assets/ports');
    await page.getByLabel('Port number').fill('5432');
    await page.waitForURL(/port=5432/);
    const table = page.getByRole('table', { name: 'Ports' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(addresses.length);
    await expect.poll(() => page.getByTestId('inventory-count').textContent()).toBe(`${addresses.length} ${addresses.length === 1 ? 'row' : 'rows'} on 1 host`);
    for (const address of addresses) {
      const ip = address.slice(0, address.lastIndexOf(':')).replace(/^\[|\]$/g, '');
      expect(await table.getByRole('cell', { name: ip, exact: true }).count()).toBeGreaterThan(0);
    }
    expect(await table.getByText('Loopback').count()).toBe(addresses.length - external.length);
    await page.screenshot({ path: join(artifacts, 'ports.png'), fullPage: true });

    await page.getByLabel('Public only').check();
    await page.waitForURL(/external=true/);
    if (external.length === 0) await page.getByText('No ports match these filters.').waitFor();
    else await expect.poll(() => table.locator('tbody tr').count()).toBe(external.length);

    await page.getByLabel('Port number').fill('70000');
    await page.getByText('Port filter: a port is a whole number from 0 to 65535.').waitFor();
    await page.context().close();
  });

  it('renders every asset kind with as many rows as the server holds', async () => {
    const kinds: [string, string][] = [
      ['Packages', 'packages'], ['Accounts', 'accounts'], ['Ports', 'ports'], ['Processes', 'processes'], ['Services', 'services'], ['Cron jobs', 'cronJobs'], ['Databases', 'databases'],
      ['Web servers', 'webServices'], ['Web sites', 'webSites'], ['Frameworks', 'webFrameworks'], ['Jar files', 'jars'], ['Language packages', 'languagePackages'], ['Kernel modules', 'kernelModules'], ['Environment', 'environment'],
    ];
    const page = await browser.signedInPage('/assets/packages');
    const tabs = page.getByRole('navigation', { name: 'Asset kinds' });
    expect(await tabs.getByRole('link').allTextContents()).toEqual(kinds.map(([label]) => label));
    for (const [label, kind] of kinds) {
      await tabs.getByRole('link', { name: label, exact: true }).click();
      await page.waitForURL(`${test.url}/assets/${kind}`);
      // Processes and ports are collected again while this runs: compare with the server's count
      // at the time the page shows one, and load the page again when a collection landed after
      // it loaded (the page shows what it fetched; it does not follow the server).
      let total = -1;
      await expect
        .poll(
          async () => {
            const shown = await page.getByTestId('inventory-count').textContent();
            total = (await admin.get<InventoryPage>(`/api/v1/inventory/${kind}?limit=1`)).body.total;
            const same = shown === `${total} ${total === 1 ? 'row' : 'rows'} on ${total === 0 ? 0 : 1} ${total === 0 ? 'hosts' : 'host'}`;
            if (!same) await page.reload();
            return same;
          },
          { timeout: 15_000, interval: 250 },
        )
        .toBe(true);
      if (total === 0) await page.getByText(`No ${label.toLowerCase()} reported yet.`).waitFor();
      else expect(await page.getByRole('table', { name: label }).locator('tbody tr').count()).toBe(Math.min(total, 50));
      await page.screenshot({ path: join(artifacts, `kind-${kind}.png`) });
    }
    await page.context().close();
  });

  it("shows a host's resource use and its assets in tabs", async () => {
    const page = await browser.signedInPage(`/hosts/${host.id}`);
    await page.getByRole('heading', { name: host.hostname }).waitFor();
    // Memory total as the agent read it from /proc/meminfo, which is what os.totalmem() reports.
    const memory = page.getByTestId('resource-memory');
    await memory.waitFor();
    expect(await memory.textContent()).toContain(`of ${(totalmem() / 1024 ** 3).toFixed(1)} GiB`);
    expect(await page.getByTestId('resource-cpu').textContent()).toMatch(/CPU\d+\.\d %/);
    expect(await page.getByRole('img', { name: /^Disk use, percent, over \d+ samples?$/ }).count()).toBe(1);

    const tabs = page.getByRole('navigation', { name: 'Host assets' });
    expect(await tabs.getByRole('link', { name: 'Packages', exact: true }).getAttribute('aria-current')).toBe('page');
    await page.getByRole('table', { name: 'Packages' }).waitFor();

    await tabs.getByRole('link', { name: 'Ports' }).click();
    await page.waitForURL(`${test.url}/hosts/${host.id}?tab=ports`);
    await page.getByLabel('Port number').fill('5432');
    await page.waitForURL(/port=5432/);
    await expect.poll(() => page.getByRole('table', { name: 'Ports' }).locator('tbody tr').count()).toBe(listeningOn(5432).length);
    await page.screenshot({ path: join(artifacts, 'host-assets.png'), fullPage: true });

    // This test's own process, found by its name and user as /proc shows them.
    await tabs.getByRole('link', { name: 'Processes' }).click();
    await page.waitForURL(/tab=processes/);
    const comm = readFileSync('/proc/self/comm', 'utf8').trim();
    await page.getByLabel('Search processes').fill(comm);
    await page.getByLabel('User').fill(userInfo().username);
    await page.waitForURL(/user=/);
    const processes = page.getByRole('table', { name: 'Processes' });
    await processes.locator('tbody tr').filter({ has: page.locator('td').first().getByText(String(process.pid), { exact: true }) }).waitFor();

    // Cron jobs (and timers): as many rows as the server stored for this host.
    const cron = await admin.get<InventoryPage>(`/api/v1/hosts/${host.id}/inventory/cronJobs?limit=1`);
    await tabs.getByRole('link', { name: 'Cron jobs' }).click();
    await expect.poll(() => page.getByTestId('inventory-count').textContent()).toBe(`${cron.body.total} ${cron.body.total === 1 ? 'row' : 'rows'}`);

    // The host's events: the events list filtered to this host.
    await page.getByRole('link', { name: 'View events' }).click();
    await page.waitForURL(`${test.url}/events?hostId=${host.id}`);
    await expect.poll(() => page.getByLabel('Host filter').locator('option:checked').textContent()).toBe(host.hostname);
    await page.context().close();
  });

  describe('an inventory change event', () => {
    let event: SecurityEvent;
    let port: number;

    beforeAll(async () => {
      port = newPort;
      event = await waitFor(
        'the new port event',
        async () => (await admin.get<{ items: SecurityEvent[] }>('/api/v1/events?type=inventory.new_port&limit=500')).body.items.find((item) => item.title.includes(`tcp/${port} `)),
        150_000,
        500,
      );
    }, 180_000);

    it('appears on the Events page and is marked handled and reopened through the UI', async () => {
      const page = await browser.signedInPage('/hosts');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Events' }).click();
      await page.waitForURL(`${test.url}/events`);
      await page.getByLabel('Event type').fill('inventory.new_port');
      await page.getByLabel('Search events').fill(`tcp/${port}`);
      await page.waitForURL((url) => url.searchParams.get('type') === 'inventory.new_port' && url.searchParams.get('q') === `tcp/${port}`);
      const table = page.getByRole('table', { name: 'Events' });
      const row = table.getByRole('row').filter({ hasText: event.title });
      await row.waitFor();
      const cells = row.getByRole('cell');
      expect(await cells.nth(1).textContent()).toBe('Low');
      expect(await cells.nth(3).textContent()).toBe(host.hostname);
      expect(await cells.nth(4).textContent()).toBe('Pending');
      expect(await cells.nth(5).textContent()).toBe('1');
      await page.screenshot({ path: join(artifacts, 'events.png'), fullPage: true });

      await row.getByRole('checkbox', { name: `Select event ${event.id}` }).check();
      const bulk = page.getByRole('region', { name: 'Selected events' });
      expect(await bulk.getByText('1 selected').count()).toBe(1);
      await page.screenshot({ path: join(artifacts, 'events-selected.png'), fullPage: true });
      await bulk.getByRole('button', { name: 'Mark handled' }).click();
      await page.getByText('1 event marked handled.').waitFor();
      await expect.poll(() => cells.nth(4).textContent()).toBe('Handledby admin');
      expect(await bulk.count()).toBe(0);
      const stored = await admin.get<SecurityEvent>(`/api/v1/events/${event.id}`);
      expect(stored.body).toMatchObject({ status: 'handled', statusChangedBy: 'admin' });
      await expect.poll(() => page.getByRole('group', { name: 'Events by status' }).getByRole('button', { name: /^Handled/ }).textContent()).toBe('Handled1');

      // The detail page: the socket as the agent reported it, as JSON.
      await row.getByRole('link', { name: event.title }).click();
      await page.waitForURL(`${test.url}/events/${event.id}`);
      const details = page.getByLabel('Event details');
      await details.waitFor();
      const json = JSON.parse((await details.textContent()) ?? '') as Record<string, unknown>;
      expect(json).toMatchObject({ protocol: 'tcp', address: '127.0.0.1', port, external: false });
      expect(await page.getByLabel('Event facts').textContent()).toContain('Handled');
      await page.screenshot({ path: join(artifacts, 'event-detail.png'), fullPage: true });

      await page.getByRole('group', { name: 'Change status' }).getByRole('button', { name: 'Reopen' }).click();
      await page.getByText('1 event reopened.').waitFor();
      await expect.poll(() => page.getByLabel('Event facts').getByText('Pending').count()).toBe(1);
      expect((await admin.get<SecurityEvent>(`/api/v1/events/${event.id}`)).body.status).toBe('pending');
      await page.context().close();
    });

    it('shows a viewer the events without any way to change them', async () => {
      expect((await admin.post('/api/v1/users', { username: 'vera', password: 'one-time-password-1', role: 'viewer' })).status).toBe(201);
      const vera = new ApiClient(test.url);
      expect((await vera.login('vera', 'one-time-password-1')).status).toBe(200);
      expect((await vera.post('/api/v1/auth/password', { currentPassword: 'one-time-password-1', newPassword: 'vera reads events only' })).status).toBe(200);
      // The server refuses her a status change; the console does not offer one.
      expect((await vera.post('/api/v1/events/status', { ids: [event.id], status: 'ignored' })).status).toBe(403);

      const page = await browser.signedInPage('/events', 'vera', 'vera reads events only');
      await page.getByRole('table', { name: 'Events' }).getByRole('link', { name: event.title }).waitFor();
      expect(await page.getByRole('checkbox').count()).toBe(0);
      await page.getByRole('link', { name: event.title }).click();
      await page.getByLabel('Event details').waitFor();
      expect(await page.getByRole('group', { name: 'Change status' }).count()).toBe(0);
      await page.context().close();
    });
  });
});
