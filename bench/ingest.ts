// Server ingestion of agent events over HTTP, on SQLite and PostgreSQL, beside a bare insert loop
// of the same rows into the same database through the driver (the practical limit).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import pino from 'pino';
import { sql } from 'kysely';
import { loadServerConfig } from '../src/server/config.js';
import { startServer } from '../src/server/start.js';
import { ApiClient } from '../test/support/test-server.js';
import { testDatabase } from '../test/support/stores.js';
import type { Bench } from './bench.js';

const EVENTS = 60_000;
const BATCH = 1000;
const AGENTS = 4;

function eventRows(count: number, offset: number) {
  const time = new Date().toISOString();
  return Array.from({ length: count }, (_, i) => ({
    seq: offset + i + 1,
    type: 'process.started',
    time,
    data: { pid: 1000 + i, ppid: 1, user: 'www-data', exe: '/usr/bin/curl', cmdline: `curl -s http://example.invalid/${i}` },
  }));
}

async function measure(dialect: 'sqlite' | 'postgres') {
  const database = await testDatabase(dialect);
  if (!database) return { skipped: 'database not available' };
  const dir = mkdtempSync(join(tmpdir(), 'palisade-bench-'));
  const config = loadServerConfig({ port: 0, dataDir: dir, databaseUrl: database.url, adminPassword: 'bench password 123', logLevel: 'silent' });
  const server = await startServer(config, { log: pino({ level: 'silent' }) });
  try {
    const admin = new ApiClient(server.url);
    await admin.login('admin', 'bench password 123');
    const token = (await admin.post<{ token: string }>('/api/v1/enrollment-tokens', { name: 'bench' })).body.token;
    const agents = await Promise.all(
      Array.from({ length: AGENTS }, async (_, n) => {
        const enrolled = await new ApiClient(server.url).post<{ hostId: string; credential: string }>('/api/v1/agent/enroll', {
          enrollToken: token,
          host: { machineId: `bench-${n}`, hostname: `bench-${n}`, ips: [], osName: 'Debian', osVersion: '12', kernel: '6.1', arch: 'x86_64', agentVersion: '0.1.0', components: [] },
        });
        return { hostId: enrolled.body.hostId, credential: enrolled.body.credential };
      }),
    );
    const workers = agents.map(
      ({ credential }) => new Worker(new URL('./ingest-client.mjs', import.meta.url), { workerData: { url: server.url, credential, events: EVENTS / AGENTS, batch: BATCH } }),
    );
    await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once('message', resolve))));
    const started = performance.now();
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise((resolve, reject) => {
            worker.once('message', resolve);
            worker.once('error', reject);
            worker.postMessage('go');
          }),
      ),
    );
    const httpSeconds = (performance.now() - started) / 1000;
    await Promise.all(workers.map((worker) => worker.terminate()));

    // The same rows, inserted straight through the driver in the same batches and transactions.
    const db = server.context.store.db;
    const hostId = agents[0]!.hostId;
    const tenantId = (await db.selectFrom('hosts').select('tenant_id').where('id', '=', hostId).executeTakeFirstOrThrow()).tenant_id;
    const bareStarted = performance.now();
    const spoolId = randomUUID();
    for (let offset = 0; offset < EVENTS; offset += BATCH) {
      const receivedAt = new Date().toISOString();
      const rows = eventRows(BATCH, offset).map((event) => ({
        host_id: hostId,
        spool_id: spoolId,
        seq: event.seq,
        tenant_id: tenantId,
        type: event.type,
        time: event.time,
        data: JSON.stringify(event.data),
        received_at: receivedAt,
      }));
      await db.transaction().execute(async (trx) => {
        for (let start = 0; start < rows.length; start += 500) await trx.insertInto('agent_events').values(rows.slice(start, start + 500)).execute();
      });
    }
    const bareSeconds = (performance.now() - bareStarted) / 1000;
    const count = await sql<{ n: number }>`select count(*) as n from agent_events`.execute(db);
    const http = EVENTS / httpSeconds;
    const bare = EVENTS / bareSeconds;
    return {
      events: EVENTS,
      agents: AGENTS,
      batch: BATCH,
      stored: Number(count.rows[0]?.n),
      serverEventsPerSecond: Math.round(http),
      bareInsertEventsPerSecond: Math.round(bare),
      ratio: Number((http / bare).toFixed(2)),
    };
  } finally {
    await server.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const ingestBench: Bench = {
  name: 'ingest',
  async run() {
    return { sqlite: await measure('sqlite'), postgres: await measure('postgres') };
  },
};
