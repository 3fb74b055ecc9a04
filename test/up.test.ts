// The newcomer's path: `palisade up` on a fresh data directory prints a one-time admin password,
// and logging in with it shows this machine as an online protected host.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, spawnPalisade, waitFor } from './support/processes.js';
import type { PalisadeProcess } from './support/processes.js';
import { ApiClient } from './support/test-server.js';

describe('palisade up', () => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-up-'));
  let up: PalisadeProcess | null = null;
  afterAll(async () => {
    await up?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts server, console and an enrolled local agent; the first admin logs in with the printed password', { timeout: 120_000 }, async () => {
    const port = await freePort();
    const env: Record<string, string> = { PALISADE_ADMIN_PASSWORD: '' };
    up = spawnPalisade(['up', '--port', String(port), '--data-dir', dir], env);
    const password = await waitFor('one-time password', () => /one-time password: (\S+)/.exec(up!.output())?.[1], 60_000, 100);
    const client = new ApiClient(`http://127.0.0.1:${port}`);
    const login = await client.login('admin', password);
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ mustChangePassword: true, tenantName: 'default' });

    const hosts = await waitFor('local host listed', async () => {
      const response = await client.get<{ items: { hostname: string; status: string; osName: string; kernel: string; agentVersion: string; ips: string[] }[] }>('/api/v1/hosts');
      return response.body.items.length > 0 ? response.body.items : null;
    });
    expect(hosts).toHaveLength(1);
    const osRelease = readFileSync('/etc/os-release', 'utf8');
    expect(hosts[0]).toMatchObject({ hostname: hostname(), status: 'online', agentVersion: '0.1.0' });
    expect(osRelease).toContain(hosts[0]!.osName);
    expect(hosts[0]!.ips.length).toBeGreaterThan(0);

    // The agent's credential is stored for root's eyes only.
    expect(statSync(join(dir, 'agent', 'agent.json')).mode & 0o777).toBe(0o600);
    // The console is served at /.
    const page = await fetch(`http://127.0.0.1:${port}/hosts`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');

    // Uninstalling the agent marks the host uninstalled and retires its credential.
    const uninstall = spawnPalisade(['agent', '--uninstall', '--data-dir', join(dir, 'agent')]);
    expect(await uninstall.exited).toBe(0);
    expect(uninstall.output()).toContain('marked uninstalled');
    const after = await client.get<{ items: { status: string }[] }>('/api/v1/hosts?status=uninstalled');
    expect(after.body.items).toHaveLength(1);
  });
});
