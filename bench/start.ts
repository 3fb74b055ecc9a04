// `npm start` to ready: the time from launching `palisade up` to a ready server with the local
// agent's host online, on a fresh data directory (cold: migrations, first admin, enrollment) and
// again on the same directory (warm). The build is already done, as after `npm install`.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, ROOT, waitFor } from '../test/support/processes.js';
import { ApiClient } from '../test/support/test-server.js';
import type { Bench } from './bench.js';

async function timeToReady(dataDir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent', '--', '--port', String(port), '--data-dir', dataDir, '--log-level', 'warn'], {
    cwd: ROOT,
    env: { ...process.env, PALISADE_ADMIN_PASSWORD: 'bench password 123' },
    stdio: 'ignore',
    detached: true,
  });
  try {
    const client = new ApiClient(`http://127.0.0.1:${port}`);
    await waitFor('server', async () => (await client.login('admin', 'bench password 123').catch(() => null))?.status === 200, 120_000, 25);
    await waitFor('host online', async () => {
      const hosts = await client.get<{ items: { status: string }[] }>('/api/v1/hosts');
      return hosts.body.items.some((host) => host.status === 'online');
    }, 120_000, 25);
    return (performance.now() - started) / 1000;
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

export const startBench: Bench = {
  name: 'start',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-bench-start-'));
    try {
      const cold = await timeToReady(join(dir, 'data'));
      const warm = await timeToReady(join(dir, 'data'));
      return { coldSeconds: Number(cold.toFixed(2)), warmSeconds: Number(warm.toFixed(2)), measures: 'npm start → admin can log in and the local host is online' };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
