// Language packages from the real agent on this machine: after a resync order the agent walks the
// disk once for jars, web frameworks and language packages, sends them, and the server's fleet
// inventory lists this project's own npm packages at the versions `npm ls` reports.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent } from '../src/agent/daemon.js';
import type { RunningAgent } from '../src/agent/daemon.js';
import { waitFor } from './support/processes.js';
import { ADMIN_PASSWORD, ApiClient, startTestServer } from './support/test-server.js';
import type { TestServer } from './support/test-server.js';

interface Page {
  items: { hostId: string; name: string; version: string | null; data: { ecosystem: string; path: string } }[];
  total: number;
}

const PROJECT = process.cwd();

describe('language packages from the agent', () => {
  let test: TestServer | null;
  let agent: RunningAgent;
  let admin: ApiClient;
  const dir = mkdtempSync(join(tmpdir(), 'palisade-langagent-'));

  beforeAll(async () => {
    test = await startTestServer('sqlite');
    if (!test) return;
    admin = new ApiClient(test.url);
    await admin.login('admin', ADMIN_PASSWORD);
    const token = (await admin.post<{ token: string }>('/api/v1/enrollment-tokens', { name: 'lang' })).body.token;
    agent = await startAgent({ serverUrl: test.url, enrollToken: token, dataDir: dir, log: pino({ level: 'silent' }) });
  }, 180_000);
  afterAll(async () => {
    await agent?.stop();
    await test?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends this project’s npm packages after a resync, as npm ls lists them', async (context) => {
    if (!test) return context.skip();
    // Disk kinds first run ten minutes after start; a resync runs every kind at once.
    expect((await admin.post(`/api/v1/hosts/${agent.hostId}/orders`, { kind: 'resync' })).status).toBe(201);
    const vitest = await waitFor(
      'vitest among the language packages',
      async () => (await admin.get<Page>(`/api/v1/inventory/languagePackages?name=vitest&limit=50`)).body.items.find((item) => item.data.path === `${PROJECT}/node_modules/vitest`),
      180_000,
      1000,
    );
    const listed = JSON.parse(execFileSync('npm', ['ls', 'vitest', '--json'], { cwd: PROJECT, encoding: 'utf8' })) as { dependencies: { vitest: { version: string } } };
    expect(vitest).toMatchObject({ hostId: agent.hostId, name: 'vitest', version: listed.dependencies.vitest.version, data: { ecosystem: 'npm' } });
  }, 240_000);
});
