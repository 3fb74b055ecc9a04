// The inventory end to end on this machine: the real agent collects the live host, sends deltas,
// the server stores them, and the fleet search answers the issue's questions in agreement with
// the system's own tools (dpkg-query, ss).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent } from '../src/agent/daemon.js';
import type { RunningAgent } from '../src/agent/daemon.js';
import { waitFor } from './support/processes.js';
import { ADMIN_PASSWORD, ApiClient, startTestServer } from './support/test-server.js';
import type { TestServer } from './support/test-server.js';
import pino from 'pino';

interface Page {
  items: { hostId: string; name: string; version: string | null; data: Record<string, unknown>; firstSeen: string }[];
  total: number;
  hosts: number;
}

describe('inventory pipeline on the live host', () => {
  let test: TestServer | null;
  let agent: RunningAgent;
  let admin: ApiClient;
  let hostId: string;
  const dir = mkdtempSync(join(tmpdir(), 'palisade-inventory-'));

  beforeAll(async () => {
    test = await startTestServer('sqlite');
    if (!test) return;
    admin = new ApiClient(test.url);
    await admin.login('admin', ADMIN_PASSWORD);
    const token = (await admin.post<{ token: string }>('/api/v1/enrollment-tokens', { name: 'inventory' })).body.token;
    agent = await startAgent({ serverUrl: test.url, enrollToken: token, dataDir: dir, log: pino({ level: 'silent' }) });
    hostId = agent.hostId;
    await waitFor('packages stored', async () => (await admin.get<Page>(`/api/v1/hosts/${hostId}/inventory/packages?limit=1`)).body.total > 0, 120_000, 500);
    await waitFor('ports stored', async () => (await admin.get<Page>(`/api/v1/hosts/${hostId}/inventory/ports?limit=1`)).body.total > 0, 120_000, 500);
  }, 180_000);
  afterAll(async () => {
    await agent?.stop();
    await test?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores every installed package, agreeing with dpkg-query', async (context) => {
    if (!test) return context.skip();
    const installed = execFileSync('dpkg-query', ['-W', '-f', '${db:Status-Abbrev}${Package}\\n'], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => /^[hi]i/.test(line)).length;
    const packages = await admin.get<Page>(`/api/v1/hosts/${hostId}/inventory/packages?limit=1`);
    expect(packages.body.total).toBe(installed);
    const libc = await admin.get<Page>('/api/v1/inventory/packages?name=libc6');
    const expected = execFileSync('dpkg-query', ['-W', '-f', '${Version}', 'libc6'], { encoding: 'utf8' });
    expect(libc.body.items[0]).toMatchObject({ name: 'libc6', version: expected, data: { sourceName: 'glibc' } });
  });

  it('answers "which hosts run a package below a version" in dpkg order', async (context) => {
    if (!test) return context.skip();
    const version = execFileSync('dpkg-query', ['-W', '-f', '${Version}', 'libc6'], { encoding: 'utf8' });
    // A version just above the installed one in dpkg order (a higher Debian revision) finds it…
    const above = await admin.get<Page>(`/api/v1/inventory/packages?name=libc6&versionBelow=${encodeURIComponent(`${version}+zz1`)}`);
    expect(above.body.hosts).toBe(1);
    // …and one with a tilde (a pre-release, lower in dpkg order) does not.
    const below = await admin.get<Page>(`/api/v1/inventory/packages?name=libc6&versionBelow=${encodeURIComponent(`${version}~pre`)}`);
    expect(below.body.total).toBe(0);
  });

  it('finds the listening PostgreSQL port, as ss shows it, and knows it is loopback-only', async (context) => {
    if (!test) return context.skip();
    const ss = execFileSync('ss', ['-Htln'], { encoding: 'utf8' });
    const postgresAddresses = ss
      .split('\n')
      .map((line) => line.trim().split(/\s+/)[3])
      .filter((local): local is string => !!local && local.endsWith(':5432'));
    expect(postgresAddresses.length).toBeGreaterThan(0);
    const ports = await admin.get<Page>('/api/v1/inventory/ports?port=5432');
    expect(ports.body.total).toBe(postgresAddresses.length);
    const external = await admin.get<Page>('/api/v1/inventory/ports?port=5432&external=true');
    expect(external.body.total).toBe(postgresAddresses.filter((address) => !address.startsWith('127.') && !address.startsWith('[::1]')).length);
  });

  it('counts every kind and lists processes with their users', { timeout: 180_000 }, async (context) => {
    if (!test) return context.skip();
    const wanted = ['host', 'packages', 'ports', 'processes', 'accounts', 'services', 'cronJobs', 'databases'];
    // The first collection runs kind after kind; wait until all of these have arrived.
    const kinds = await waitFor('every kind stored', async () => {
      const summary = await admin.get<{ kinds: { kind: string; items: number; hosts: number }[] }>('/api/v1/inventory');
      const stored = summary.body.kinds.map((row) => row.kind);
      return wanted.every((kind) => stored.includes(kind)) ? summary.body.kinds : null;
    }, 120_000, 500);
    expect(kinds.every((row) => row.hosts === 1 && row.items > 0)).toBe(true);
    const rootProcesses = await admin.get<Page>(`/api/v1/inventory/processes?user=root&limit=500`);
    expect(rootProcesses.body.items.some((item) => item.data.pid === 1 || item.data.user === 'root')).toBe(true);
  });

  it('turns a new listening port into a low-severity event after a resync order, beyond the baseline', async (context) => {
    if (!test) return context.skip();
    const { createServer } = await import('node:net');
    const listener = createServer();
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const port = (listener.address() as { port: number }).port;
    try {
      // A resync makes the agent collect every kind at once and send it in full.
      expect((await admin.post(`/api/v1/hosts/${hostId}/orders`, { kind: 'resync' })).status).toBe(201);
      const event = await waitFor(
        'new port event',
        async () => (await admin.get<{ items: { type: string; severity: string; title: string }[] }>('/api/v1/events?type=inventory.new_port')).body.items.find((item) => item.title.includes(`tcp/${port} `)),
        120_000,
        500,
      );
      expect(event).toMatchObject({ severity: 'low' });
      const orders = await admin.get<{ items: { status: string }[] }>(`/api/v1/hosts/${hostId}/orders`);
      expect(orders.body.items[0]?.status).toBe('done');
    } finally {
      listener.close();
    }
  }, 180_000);
});
