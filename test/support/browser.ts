// What the browser tests share: Debian's Chromium driven by playwright-core (skipped with a reason
// when it is missing), the console build they serve, and a signed-in page like a user's tab.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';
import { ROOT } from './processes.js';
import { needService } from './services.js';
import { ADMIN_PASSWORD, ApiClient, startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** False (and the reason printed, or a failure under CI) when Chromium is not installed. */
export const haveChromium = (): boolean => needService('Chromium', { available: existsSync(CHROMIUM), reason: `${CHROMIUM} is missing (apt-get install chromium)` });

/** Builds console/dist (incremental: quick when nothing changed) and makes the screenshot folder. */
export function prepareConsole(artifacts: string): string {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const dir = join(ROOT, 'test-artifacts', artifacts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The SQLite test server the console is served from, and an API client signed in as its admin. */
export async function startConsoleServer(options: Parameters<typeof startTestServer>[1] = {}): Promise<{ test: TestServer; admin: ApiClient }> {
  const test = await startTestServer('sqlite', options);
  if (!test) throw new Error('SQLite test server did not start');
  const admin = new ApiClient(test.url);
  const login = await admin.login('admin', ADMIN_PASSWORD);
  if (login.status !== 200) {
    await test.close();
    throw new Error(`the admin could not sign in: status ${login.status}`);
  }
  return { test, admin };
}

export interface Viewport {
  readonly width: number;
  readonly height: number;
}

/** Chromium for one console server's tests: fresh tabs on it, and closing it all. */
export interface ConsoleBrowser {
  /** A page in a fresh browser context (no cookies yet), with a desktop screen, English and UTC. */
  newPage(viewport?: Viewport): Promise<Page>;
  /** A fresh context signed in through the login form on `path`, as the admin unless told. */
  signedInPage(path: string, username?: string, password?: string, viewport?: Viewport): Promise<Page>;
  close(): Promise<void>;
}

/** Chromium bound to the console at `url`, so a test names only the path and the user. */
export async function launchChromium(url: string): Promise<ConsoleBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  async function newPage(viewport: Viewport = { width: 1440, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'en-US', timezoneId: 'UTC' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  }
  async function signedInPage(path: string, username = 'admin', password = ADMIN_PASSWORD, viewport?: Viewport): Promise<Page> {
    const page = await newPage(viewport);
    await page.goto(`${url}${path}`);
    await page.getByLabel('User name').fill(username);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.sidebar').waitFor();
    return page;
  }
  return { newPage, signedInPage, close: () => browser.close() };
}
