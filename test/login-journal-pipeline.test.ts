// Intrusion detection from the systemd journal end to end: a real systemd-journald (a namespace of
// its own) receives sshd messages the way sshd logs them, the real agent follows it with
// journalctl (login source `journald`), and the server raises a brute force. Then the analyst's
// "add to whitelist" path on that event: the proposed rule (its address, /24, user and host), the
// rule created with an expiry, and applied to the pending event.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent } from '../src/agent/daemon.js';
import type { RunningAgent } from '../src/agent/daemon.js';
import { journaldCheck, startJournald, type TestJournal } from './support/journald.js';
import { waitFor } from './support/processes.js';
import { needService } from './support/services.js';
import { ADMIN_PASSWORD, ApiClient, startTestServer } from './support/test-server.js';
import type { TestServer } from './support/test-server.js';

interface Event {
  id: number;
  hostId: string;
  type: string;
  status: string;
  details: { sourceIp: string; user: string; attempts: number; file: string };
}

describe('login detection from the systemd journal', () => {
  let journal: TestJournal | null = null;
  let test: TestServer | null = null;
  let agent: RunningAgent;
  let admin: ApiClient;
  const dir = mkdtempSync(join(tmpdir(), 'palisade-journal-pipeline-'));

  beforeAll(async () => {
    if (!needService('systemd-journald', journaldCheck())) return;
    journal = await startJournald();
    test = await startTestServer('sqlite');
    if (!test) return;
    admin = new ApiClient(test.url);
    await admin.login('admin', ADMIN_PASSWORD);
    const token = (await admin.post<{ token: string }>('/api/v1/enrollment-tokens', { name: 'journal' })).body.token;
    agent = await startAgent({
      serverUrl: test.url, enrollToken: token, dataDir: join(dir, 'agent'), log: pino({ level: 'silent' }), inventory: false, baseline: false,
      loginSource: 'journald', journal: { args: journal.args },
    });
  }, 60_000);
  afterAll(async () => {
    await agent?.stop();
    await test?.close();
    await journal?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('raises a brute force from sshd failures in the journal, and whitelists its source from the event', async (context) => {
    if (!journal || !test) return context.skip();
    for (let i = 0; i < 5; i++) await journal.write('sshd', 5000 + i, `Failed password for deploy from 192.0.2.77 port ${50000 + i} ssh2`);
    const event = await waitFor('brute force event', async () => (await admin.get<{ items: Event[] }>('/api/v1/events?type=brute_force&q=192.0.2.77')).body.items[0], 60_000, 200);
    expect(event).toMatchObject({ hostId: agent.hostId, status: 'pending', details: { sourceIp: '192.0.2.77', user: 'deploy', attempts: 5, file: 'journald' } });

    const proposal = await admin.get<{ rule: Record<string, unknown>; choices: Record<string, unknown> }>(`/api/v1/events/${event.id}/whitelist-proposal`);
    expect(proposal.status).toBe(200);
    expect(proposal.body.rule).toMatchObject({ source: '192.0.2.77', user: 'deploy', hostIds: [agent.hostId], hours: null, expiresAt: null });
    expect(proposal.body.choices).toMatchObject({ address: '192.0.2.77', network: '192.0.2.0/24', user: 'deploy', hostId: agent.hostId });

    // The analyst widens it to the /24 on every host, for a week.
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const created = await admin.post<{ id: string; expiresAt: string }>('/api/v1/whitelists', { ...proposal.body.rule, source: '192.0.2.0/24', hostIds: [], expiresAt });
    expect(created.status).toBe(201);
    expect(created.body.expiresAt).toBe(expiresAt);
    const applied = await admin.post<{ updated: number[] }>(`/api/v1/whitelists/${created.body.id}/apply`);
    expect(applied.body.updated).toEqual([event.id]);
    expect((await admin.get<Event>(`/api/v1/events/${event.id}`)).body.status).toBe('whitelisted');
  }, 90_000);

  it('proposes no rule for an event that is not about logins, nor for an unknown one', async (context) => {
    if (!test) return context.skip();
    expect((await admin.get('/api/v1/events/999999/whitelist-proposal')).status).toBe(404);
    // A new listening port is an inventory event: nothing in it to whitelist.
    const port = (n: number) => ({ protocol: 'tcp', family: 'ipv4', address: '0.0.0.0', port: n, state: 'LISTEN', pid: 1, processName: 'redis-server', external: true });
    const time = new Date().toISOString();
    agent.spool.append([
      { type: 'inventory.delta', time, data: { kind: 'ports', full: true, upserted: [port(22)], removed: [] } },
      { type: 'inventory.delta', time, data: { kind: 'ports', full: false, upserted: [port(6379)], removed: [] } },
    ]);
    const other = await waitFor('an inventory event', async () => (await admin.get<{ items: Event[] }>('/api/v1/events')).body.items.find((e) => e.type !== 'brute_force'), 30_000, 100);
    const refused = await admin.get<{ error: { message: string } }>(`/api/v1/events/${other.id}/whitelist-proposal`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('only login events');
  });
});
