// The Registries and Images pages in a real browser: Debian's Chromium driven by playwright-core
// against a real server (SQLite) and a real docker-registry with htpasswd auth holding the sample
// image (planted secrets, EICAR, history findings). A manager adds the registry through the form,
// tests and syncs it; the image's page shows its findings masked, layers, build history, packages
// and scans; a wrong password leaves the registry in a visible error state. Screenshots go to
// test-artifacts/console-registries/.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushImage } from '../../src/image/image-writer.js';
import { withLimits } from '../../src/image/limits.js';
import { RegistryClient } from '../../src/image/registry-client.js';
import { haveChromium, launchChromium, prepareConsole, startConsoleServer } from '../support/browser.js';
import type { ConsoleBrowser } from '../support/browser.js';
import { PLANTED_AWS_KEY, PLANTED_GITHUB_TOKEN, sampleImage } from '../support/images.js';
import { registryAvailable, startRegistry, type TestRegistry } from '../support/registry.js';
import { needService } from '../support/services.js';
import { ApiClient, type TestServer } from '../support/test-server.js';

const ready = haveChromium() && needService('docker-registry', registryAvailable());

describe.runIf(ready)('registries and images pages in Chromium', () => {
  let test: TestServer;
  let registry: TestRegistry;
  let browser: ConsoleBrowser;
  let artifacts = '';
  let admin: ApiClient;
  const image = sampleImage();

  beforeAll(async () => {
    artifacts = prepareConsole('console-registries');
    registry = await startRegistry('basic');
    const pusher = new RegistryClient(registry.host, { insecure: true, limits: withLimits(), credentials: { username: registry.username, password: registry.password } });
    await pushImage(pusher, 'team/app', 'v1', image);
    ({ test, admin } = await startConsoleServer());
    browser = await launchChromium(test.url);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await test?.close();
    await registry?.stop();
  });

  it('adds, tests and syncs a registry, then shows the image with its findings, layers, history, packages and scans', async () => {
    const page = await browser.signedInPage('/hosts');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Registries' }).click();
    await page.waitForURL(`${test.url}/registries`);
    await page.getByRole('button', { name: 'Add registry' }).click();
    const form = page.getByRole('form', { name: 'Add registry' });
    await form.getByLabel('Name', { exact: true }).fill('local');
    await form.getByLabel('URL').fill(`http://${registry.host}`);
    await form.getByLabel('Username').fill(registry.username);
    await form.getByLabel('Password or token').fill(registry.password);
    await page.screenshot({ path: join(artifacts, 'add-registry.png'), fullPage: true });
    await form.getByRole('button', { name: 'Add registry' }).click();
    const row = page.getByTestId('registry-local');
    await row.getByText('Not synced yet').waitFor();

    await row.getByRole('button', { name: 'Test' }).click();
    await page.getByRole('status').filter({ hasText: 'local: connected to' }).waitFor();
    await row.getByRole('button', { name: 'Sync now' }).click();
    await page.getByRole('status').filter({ hasText: '1 repositories, 1 tags; 1 new, 0 moved, 0 removed; 1 scans queued' }).waitFor();
    await test.server.context.imageScans.idle();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await row.getByText('Connected').waitFor();
    expect(await page.content()).not.toContain(registry.password);
    await page.screenshot({ path: join(artifacts, 'registries.png'), fullPage: true });

    await row.getByRole('link', { name: '1', exact: true }).click();
    await page.waitForURL(/\/images\?registryId=/);
    const images = page.getByRole('table', { name: 'Images' });
    const imageRow = images.getByRole('row').filter({ hasText: 'team/app:v1' });
    await imageRow.getByText('Scanned').waitFor();
    await page.screenshot({ path: join(artifacts, 'images.png'), fullPage: true });
    await imageRow.getByRole('link', { name: 'team/app:v1' }).click();
    await page.waitForURL(/\/images\/[^/?]+$/);

    const secrets = page.getByRole('table', { name: 'Secrets' });
    await secrets.waitFor();
    expect(await secrets.getByRole('row').filter({ hasText: '/app/config.env' }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('table', { name: 'Malware' }).getByRole('row').filter({ hasText: '/tmp/eicar.com' }).count()).toBeGreaterThan(0);
    const text = await page.content();
    for (const secret of [PLANTED_AWS_KEY, PLANTED_GITHUB_TOKEN, 'hunter2']) expect(text).not.toContain(secret);
    await page.screenshot({ path: join(artifacts, 'image-findings.png'), fullPage: true });

    await page.getByRole('link', { name: 'Layers', exact: true }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Layers' }).locator('tbody tr').count()).toBe(3);
    await page.getByRole('link', { name: 'History', exact: true }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Build steps' }).locator('tbody tr').count()).toBe(5);
    expect(await page.getByRole('table', { name: 'History checks' }).getByText('secret-in-env').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(artifacts, 'image-history.png'), fullPage: true });
    await page.getByRole('link', { name: 'Packages', exact: true }).click();
    await page.getByRole('table', { name: 'Packages' }).getByRole('cell', { name: 'busybox', exact: true }).waitFor();

    await page.getByRole('link', { name: 'Scans', exact: true }).click();
    const scans = page.getByRole('table', { name: 'Scans' });
    await expect.poll(() => scans.locator('tbody tr').count()).toBe(1);
    await page.getByRole('button', { name: 'Scan now' }).click();
    await test.server.context.imageScans.idle();
    await expect.poll(() => scans.locator('tbody tr').count(), { timeout: 20_000 }).toBe(2);
    expect(await scans.locator('tbody tr').first().textContent()).toContain('on request');
    await page.screenshot({ path: join(artifacts, 'image-scans.png'), fullPage: true });
    await page.context().close();
  });

  it('shows a wrong password as the registry error, and never shows the password', async () => {
    const page = await browser.signedInPage('/registries');
    const row = page.getByTestId('registry-local');
    await row.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Edit registry local' });
    expect(await form.getByLabel('Password or token').inputValue()).toBe('');
    await form.getByLabel('Password or token').fill('definitely-wrong-42');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await row.getByRole('button', { name: 'Test' }).click();
    await page.getByRole('alert').filter({ hasText: 'credentials rejected' }).waitFor();
    await row.getByText('Error', { exact: true }).waitFor();
    expect(await row.textContent()).toContain('credentials rejected (HTTP 401)');
    const html = await page.content();
    for (const password of [registry.password, 'definitely-wrong-42']) expect(html).not.toContain(password);
    await page.screenshot({ path: join(artifacts, 'registry-error.png'), fullPage: true });
    await page.context().close();
  });

  it('shows a viewer the registries and images without any button that changes them', async () => {
    expect((await admin.post('/api/v1/users', { username: 'vera', password: 'one-time-password-1', role: 'viewer' })).status).toBe(201);
    const vera = new ApiClient(test.url);
    expect((await vera.login('vera', 'one-time-password-1')).status).toBe(200);
    expect((await vera.post('/api/v1/auth/password', { currentPassword: 'one-time-password-1', newPassword: 'vera only reads images' })).status).toBe(200);
    const [image] = (await vera.get<{ items: { id: string }[] }>('/api/v1/images')).body.items;
    // The server refuses her every change; the console does not offer them.
    expect((await vera.post('/api/v1/registries', { name: 'mine', url: 'http://127.0.0.1:9' })).status).toBe(403);
    expect((await vera.post(`/api/v1/images/${image!.id}/scan`)).status).toBe(403);

    const page = await browser.signedInPage('/registries', 'vera', 'vera only reads images');
    await page.getByTestId('registry-local').waitFor();
    for (const name of ['Add registry', 'Test', 'Sync now', 'Edit', 'Delete']) expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    await page.goto(`${test.url}/images/${image!.id}`);
    await page.getByRole('table', { name: 'Secrets' }).waitFor();
    expect(await page.getByRole('button', { name: 'Scan now' }).count()).toBe(0);
    await page.context().close();
  });
});
