// Automatic blocking on a real server, on both databases: an agent (its API, driven directly)
// reports failed logins; with the tenant's auto-block on, a brute force blocks its source on the
// host (a block, a block_source order for the agent, an audit entry by `system`), never a
// whitelisted, management, loopback or host-own address; analysts extend and lift blocks (each
// audited, each an order); the agent's reports show on the block.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, ApiClient, startTestServer } from './support/test-server.js';
import type { TestServer } from './support/test-server.js';
import { DIALECTS } from './support/stores.js';

interface Block {
  id: string;
  hostId: string;
  source: string;
  reason: string;
  eventId: number | null;
  state: string;
  agentState: string;
  agentError: string | null;
  createdBy: string;
  expiresAt: string;
  liftedBy: string | null;
}
interface Order {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
}

for (const dialect of DIALECTS) {
  describe(`automatic blocking on ${dialect}`, () => {
    let test: TestServer | null;
    let admin: ApiClient;
    let analyst: ApiClient;
    let agent: ApiClient;
    let hostId: string;
    let seq = 0;
    let line = 0;

    /** The agent reports `failures` failed sshd logins from `ip`, one second apart, ending now. */
    async function failures(ip: string, count: number) {
      const end = Date.now();
      const events = Array.from({ length: count }, (_, i) => {
        const time = new Date(end - (count - 1 - i) * 1000).toISOString();
        return { seq: ++seq, type: 'login.event', time, data: { type: 'failure', service: 'sshd', reason: 'wrong_password', user: 'root', sourceIp: ip, sourcePort: 40000 + i, host: 'web1', time, file: '/var/log/auth.log', line: ++line } };
      });
      const delivered = await agent.post('/api/v1/agent/events', { spoolId: 'response-spool', events });
      expect(delivered.status).toBe(200);
    }

    const blocksOf = async (source: string) => (await admin.get<{ items: Block[]; total: number }>(`/api/v1/blocks?source=${encodeURIComponent(source)}`)).body.items;
    const bruteForces = async (source: string) => (await admin.get<{ items: unknown[] }>(`/api/v1/events?type=brute_force&q=${encodeURIComponent(source)}`)).body.items.length;
    const pendingOrders = async () => (await agent.get<{ orders: Order[] }>('/api/v1/agent/orders?wait=0')).body.orders;

    beforeAll(async () => {
      test = await startTestServer(dialect);
      if (!test) return;
      admin = new ApiClient(test.url);
      await admin.login('admin', ADMIN_PASSWORD);
      await admin.post('/api/v1/users', { username: 'analyst', password: 'analyst password!', role: 'analyst' });
      analyst = new ApiClient(test.url);
      await analyst.login('analyst', 'analyst password!');
      const token = (await admin.post<{ token: string }>('/api/v1/enrollment-tokens', { name: 'response' })).body.token;
      const enrolled = await new ApiClient(test.url).post<{ hostId: string; credential: string }>('/api/v1/agent/enroll', {
        enrollToken: token,
        host: { machineId: 'response-host', hostname: 'web1', ips: ['192.0.2.10'], osName: 'Debian', osVersion: '12', kernel: '6.1', arch: 'x86_64', agentVersion: '0.1.0', components: [] },
      });
      hostId = enrolled.body.hostId;
      agent = new ApiClient(test.url, enrolled.body.credential);
    });
    afterAll(async () => {
      await test?.close();
    });

    it('blocks nothing while automatic blocking is off (the default)', async (context) => {
      if (!test) return context.skip();
      expect((await admin.get('/api/v1/response/settings')).body).toMatchObject({ autoBlock: false, blockSeconds: 3600, triggers: ['brute_force', 'password_cracked'], managementCidrs: [] });
      await failures('198.51.100.1', 5);
      expect(await bruteForces('198.51.100.1')).toBe(1);
      expect(await blocksOf('198.51.100.1')).toEqual([]);
      expect(await pendingOrders()).toEqual([]);
    });

    it('lets managers only change the setting, audited, and rejects bad networks', async (context) => {
      if (!test) return context.skip();
      const body = { autoBlock: true, blockSeconds: 600, triggers: ['brute_force'], managementCidrs: ['10.10.0.0/16'] };
      expect((await analyst.request('PUT', '/api/v1/response/settings', body)).status).toBe(403);
      const bad = await admin.request<{ error: { message: string } }>('PUT', '/api/v1/response/settings', { ...body, managementCidrs: ['10.10.0.0/99'] });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('10.10.0.0/99');
      const saved = await admin.request('PUT', '/api/v1/response/settings', body);
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ ...body, updatedBy: 'admin' });
      const audit = await admin.get<{ items: { action: string; actorName: string; details: { after: unknown } }[] }>('/api/v1/audit?action=response.settings_changed');
      expect(audit.body.items[0]).toMatchObject({ actorName: 'admin', details: { after: body } });
    });

    it('blocks a brute-forcing source once, ordered to the agent and audited as the system', async (context) => {
      if (!test) return context.skip();
      await failures('198.51.100.2', 5);
      const [block] = await blocksOf('198.51.100.2');
      expect(block).toMatchObject({ hostId, source: '198.51.100.2', state: 'active', agentState: 'pending', createdBy: 'system', reason: 'Brute force from 198.51.100.2' });
      expect(block!.eventId).toBeGreaterThan(0);
      const minutes = (Date.parse(block!.expiresAt) - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(9);
      expect(minutes).toBeLessThanOrEqual(10);
      const orders = await pendingOrders();
      expect(orders.map((o) => [o.kind, o.payload.blockId, o.payload.address])).toEqual([['block_source', block!.id, '198.51.100.2']]);
      expect(orders[0]!.payload.seconds).toBeGreaterThan(590);
      const audit = await admin.get<{ items: { action: string; actorName: string; actorId: string | null; targetId: string; details: Record<string, unknown> }[] }>('/api/v1/audit?action=block.created');
      expect(audit.body.items).toHaveLength(1);
      expect(audit.body.items[0]).toMatchObject({ actorName: 'system', actorId: null, targetId: block!.id, details: { source: '198.51.100.2', hostId, automatic: true, detection: 'brute_force' } });

      // The attack goes on: the same event counts up, the block stays one.
      await failures('198.51.100.2', 3);
      expect(await blocksOf('198.51.100.2')).toHaveLength(1);
      expect(await pendingOrders()).toEqual([]);
    });

    it('never blocks whitelisted, management, loopback or the host\'s own addresses', async (context) => {
      if (!test) return context.skip();
      expect((await admin.post('/api/v1/whitelists', { name: 'office', source: '203.0.113.0/24', user: 'deploy' })).status).toBe(201);
      for (const source of ['203.0.113.50', '10.10.4.4', '127.0.0.1', '192.0.2.10']) await failures(source, 5);
      // The management network and loopback still raise their event; only the block is withheld.
      expect(await bruteForces('10.10.4.4')).toBe(1);
      expect(await bruteForces('127.0.0.1')).toBe(1);
      expect(await bruteForces('192.0.2.10')).toBe(1);
      const all = (await admin.get<{ items: Block[] }>('/api/v1/blocks')).body.items;
      expect(all.map((b) => b.source)).toEqual(['198.51.100.2']);
      expect(await pendingOrders()).toEqual([]);
    });

    it('extends and lifts blocks for analysts, each audited and ordered; viewers only list', async (context) => {
      if (!test) return context.skip();
      const [block] = await blocksOf('198.51.100.2');
      const extended = await analyst.post<Block>(`/api/v1/blocks/${block!.id}/extend`, { seconds: 7200 });
      expect(extended.status).toBe(200);
      expect(Date.parse(extended.body.expiresAt)).toBeGreaterThan(Date.now() + 7100_000);
      expect(extended.body.state).toBe('active');
      expect((await analyst.post(`/api/v1/blocks/${block!.id}/extend`, { seconds: 5 })).status).toBe(400);
      let orders = await pendingOrders();
      expect(orders.map((o) => [o.kind, o.payload.address])).toEqual([['block_source', '198.51.100.2']]);
      expect(orders[0]!.payload.seconds).toBeGreaterThan(7100);

      // The agent reports it applied: the block shows it.
      await agent.post('/api/v1/agent/events', { spoolId: 'response-spool', events: [{ seq: ++seq, type: 'response.block', time: new Date().toISOString(), data: { blockId: block!.id, action: 'block', address: '198.51.100.2', ok: true, error: null } }] });
      expect((await admin.get<Block>(`/api/v1/blocks/${block!.id}`)).body).toMatchObject({ agentState: 'applied', agentError: null });

      const lifted = await analyst.post<Block>(`/api/v1/blocks/${block!.id}/lift`);
      expect(lifted.status).toBe(200);
      expect(lifted.body).toMatchObject({ state: 'lifted', liftedBy: 'analyst', agentState: 'pending' });
      orders = await pendingOrders();
      expect(orders.map((o) => [o.kind, o.payload.blockId, o.payload.address])).toEqual([['unblock_source', block!.id, '198.51.100.2']]);
      expect((await analyst.post<{ error: { code: string } }>(`/api/v1/blocks/${block!.id}/lift`)).body.error.code).toBe('conflict');
      expect((await analyst.post(`/api/v1/blocks/${block!.id}/extend`, { seconds: 600 })).status).toBe(409);
      await agent.post('/api/v1/agent/events', { spoolId: 'response-spool', events: [{ seq: ++seq, type: 'response.block', time: new Date().toISOString(), data: { blockId: block!.id, action: 'unblock', address: '198.51.100.2', ok: false, error: 'nft is not permitted' } }] });
      expect((await admin.get<Block>(`/api/v1/blocks/${block!.id}`)).body).toMatchObject({ agentState: 'failed', agentError: 'nft is not permitted' });

      const audit = await admin.get<{ items: { action: string; actorName: string; targetId: string }[] }>('/api/v1/audit');
      expect(audit.body.items.filter((e) => e.targetId === block!.id).map((e) => `${e.action} by ${e.actorName}`)).toEqual(['block.lifted by analyst', 'block.extended by analyst', 'block.created by system']);
      expect((await admin.get<{ total: number }>('/api/v1/blocks?state=lifted')).body.total).toBe(1);
      expect((await admin.get<{ total: number }>('/api/v1/blocks?state=active')).body.total).toBe(0);

      await admin.post('/api/v1/users', { username: 'viewer', password: 'viewer password!', role: 'viewer' });
      const viewer = new ApiClient(test.url);
      await viewer.login('viewer', 'viewer password!');
      expect((await viewer.get<{ total: number }>('/api/v1/blocks')).body.total).toBe(1);
      expect((await viewer.post(`/api/v1/blocks/${block!.id}/lift`)).status).toBe(403);
      expect((await viewer.get('/api/v1/blocks/no-such-block')).status).toBe(404);
    });

    it('blocks again after a lift when the attack comes back', async (context) => {
      if (!test) return context.skip();
      // The lifted block's event is still pending; a fresh burst counts on it and blocks anew.
      await failures('198.51.100.2', 5);
      const blocks = await blocksOf('198.51.100.2');
      expect(blocks.map((b) => b.state)).toEqual(['active', 'lifted']);
    });
  });
}
