// The delivery promise of DESIGN.md, tested with real processes on both stores: a server that goes
// down while an agent has 10,000 events to send, and an agent killed mid-batch, lose nothing and
// store nothing twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Spool } from '../src/agent/spool.js';
import { openStore } from '../src/server/store/database.js';
import type { Store } from '../src/server/store/database.js';
import { freePort, spawnPalisade, waitFor } from './support/processes.js';
import type { PalisadeProcess } from './support/processes.js';
import { DIALECTS, testDatabase } from './support/stores.js';
import type { TestDatabase } from './support/stores.js';
import { ADMIN_PASSWORD, ApiClient } from './support/test-server.js';

const EVENTS = 10_000;
const TYPE = 'test.delivery';

function fillSpool(agentDir: string, marker: string): void {
  const spool = new Spool(join(agentDir, 'spool.db'));
  const time = new Date().toISOString();
  for (let start = 0; start < EVENTS; start += 1000) {
    const events = Array.from({ length: 1000 }, (_, k) => ({ type: TYPE, time, data: { marker, i: start + k } }));
    expect(spool.append(events).accepted).toBe(1000);
  }
  spool.close();
}

for (const dialect of DIALECTS) {
  describe(`agent → server delivery on ${dialect}`, () => {
    let database: TestDatabase | null;
    let store: Store;
    let dir: string;
    let port: number;
    let server: PalisadeProcess | null = null;
    let agent: PalisadeProcess | null = null;
    let enrollToken: string;

    const startServer = async () => {
      server = spawnPalisade(['server', '--port', String(port), '--data-dir', join(dir, 'server'), '--database-url', database!.url], { PALISADE_ADMIN_PASSWORD: ADMIN_PASSWORD });
      await waitFor('server ready', async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.ok, 60_000, 100);
    };
    const startAgent = (agentDir: string) => {
      // Delivery only: the inventory would add its own events and CPU load to the measurement.
      agent = spawnPalisade(['agent', '--server', `http://127.0.0.1:${port}`, '--enroll-token', enrollToken, '--data-dir', agentDir, '--no-inventory']);
      return agent;
    };
    const stored = async (marker: string) => {
      const rows = await store.db.selectFrom('agent_events').select(['seq', 'data']).where('type', '=', TYPE).where('data', 'like', `%"marker":"${marker}"%`).execute();
      return rows;
    };

    beforeAll(async () => {
      database = await testDatabase(dialect);
      if (!database) return;
      dir = mkdtempSync(join(tmpdir(), 'palisade-delivery-'));
      port = await freePort();
      await startServer();
      store = await openStore(database.url);
      const admin = new ApiClient(`http://127.0.0.1:${port}`);
      await admin.login('admin', ADMIN_PASSWORD);
      enrollToken = (await admin.post<{ token: string }>('/api/v1/enrollment-tokens', { name: 'delivery test' })).body.token;
    }, 120_000);
    afterAll(async () => {
      await (agent as PalisadeProcess | null)?.kill('SIGKILL');
      await (server as PalisadeProcess | null)?.kill('SIGKILL');
      await store?.close();
      await database?.drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('stores every event exactly once when the server goes down mid-stream and comes back', async (context) => {
      if (!database) return context.skip();
      const agentDir = join(dir, 'agent-server-down');
      // Enroll, stop the agent, and give it 10,000 events to send.
      startAgent(agentDir);
      await waitFor('enrollment', async () => (await store.db.selectFrom('hosts').select('id').execute()).length > 0);
      await agent!.kill('SIGTERM');
      fillSpool(agentDir, 'server-down');

      startAgent(agentDir);
      await waitFor('first events stored', async () => (await stored('server-down')).length > 0, 60_000, 5);
      await server!.kill('SIGKILL');
      const beforeRestart = (await stored('server-down')).length;
      await new Promise((resolve) => setTimeout(resolve, 1500)); // the agent retries against a dead server
      await startServer();
      const rows = await waitFor('all events stored', async () => {
        const current = await stored('server-down');
        return current.length >= EVENTS ? current : null;
      }, 120_000, 200);
      const indexes = rows.map((row) => (JSON.parse(row.data) as { i: number }).i);
      expect(rows).toHaveLength(EVENTS);
      expect(new Set(indexes).size).toBe(EVENTS);
      expect(Math.min(...indexes)).toBe(0);
      expect(Math.max(...indexes)).toBe(EVENTS - 1);
      expect(beforeRestart).toBeLessThanOrEqual(EVENTS);
      await agent!.kill('SIGTERM');
      const spool = new Spool(join(agentDir, 'spool.db'));
      const leftOver = spool.peek(EVENTS).filter((event) => event.type === TYPE);
      spool.close();
      expect(leftOver).toEqual([]);
    }, 300_000);

    it('loses and doubles nothing when the agent is killed mid-batch and restarted', async (context) => {
      if (!database) return context.skip();
      const agentDir = join(dir, 'agent-killed');
      startAgent(agentDir);
      await waitFor('agent state', async () => (await import('node:fs')).existsSync(join(agentDir, 'agent.json')));
      await agent!.kill('SIGTERM');
      fillSpool(agentDir, 'agent-killed');

      startAgent(agentDir);
      await waitFor('first events stored', async () => (await stored('agent-killed')).length > 0, 60_000, 5);
      await agent!.kill('SIGKILL');
      startAgent(agentDir);
      const rows = await waitFor('all events stored', async () => {
        const current = await stored('agent-killed');
        return current.length >= EVENTS ? current : null;
      }, 120_000, 200);
      const indexes = rows.map((row) => (JSON.parse(row.data) as { i: number }).i);
      expect(rows).toHaveLength(EVENTS);
      expect(new Set(indexes).size).toBe(EVENTS);
      await agent!.kill('SIGTERM');
    }, 300_000);
  });
}
