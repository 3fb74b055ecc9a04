// A block ends by itself: on the host nftables drops the element when its timeout passes, and the
// server reads an active block past its end as `expired` (listed under that state, no longer
// counted as active, so a new attack blocks again). Extending an expired block blocks again.
// Runs on both databases with the server's clock moved forward by the test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, ApiClient, startTestServer } from './support/test-server.js';
import type { TestServer } from './support/test-server.js';
import { DIALECTS } from './support/stores.js';

interface Block {
  id: string;
  state: string;
  expiresAt: string;
}

for (const dialect of DIALECTS) {
  describe(`block expiry on ${dialect}`, () => {
    let test: TestServer | null;
    let admin: ApiClient;
    let agent: ApiClient;
    let now = Date.now();
    let seq = 0;

    async function bruteForce(ip: string) {
      const time = new Date(now).toISOString();
      const events = [1, 2, 3, 4, 5].map((i) => ({ seq: ++seq, type: 'login.event', time, data: { type: 'failure', service: 'sshd', reason: 'wrong_password', user: 'root', sourceIp: ip, sourcePort: 40000 + i, host: null, time, file: '/var/log/auth.log', line: seq } }));
      expect((await agent.post('/api/v1/agent/events', { spoolId: 'expiry-spool', events })).status).toBe(200);
    }
    const list = async (query: string) => (await admin.get<{ items: Block[]; total: number }>(`/api/v1/blocks${query}`)).body;

    beforeAll(async () => {
      test = await startTestServer(dialect, { clock: () => new Date(now) });
      if (!test) return;
      admin = new ApiClient(test.url);
      await admin.login('admin', ADMIN_PASSWORD);
      expect((await admin.request('PUT', '/api/v1/response/settings', { autoBlock: true, blockSeconds: 600, triggers: ['brute_force'], managementCidrs: [] })).status).toBe(200);
      const token = (await admin.post<{ token: string }>('/api/v1/enrollment-tokens', { name: 'expiry' })).body.token;
      const enrolled = await new ApiClient(test.url).post<{ credential: string }>('/api/v1/agent/enroll', {
        enrollToken: token,
        host: { machineId: 'expiry-host', hostname: 'web1', ips: [], osName: 'Debian', osVersion: '12', kernel: '6.1', arch: 'x86_64', agentVersion: '0.1.0', components: [] },
      });
      agent = new ApiClient(test.url, enrolled.body.credential);
    });
    afterAll(async () => {
      await test?.close();
    });

    it('reads a block past its end as expired, and blocks a returning attacker anew', async (context) => {
      if (!test) return context.skip();
      await bruteForce('198.51.100.60');
      const [block] = (await list('?state=active')).items;
      expect(block).toMatchObject({ state: 'active', expiresAt: new Date(now + 600_000).toISOString() });

      now += 601_000;
      expect((await list('?state=active')).total).toBe(0);
      expect((await list('?state=expired')).items.map((b) => [b.id, b.state])).toEqual([[block!.id, 'expired']]);
      expect((await admin.get<Block>(`/api/v1/blocks/${block!.id}`)).body.state).toBe('expired');
      // An expired block cannot be lifted (nothing is left to lift) but can be extended.
      expect((await admin.post(`/api/v1/blocks/${block!.id}/lift`)).status).toBe(409);

      await bruteForce('198.51.100.60');
      const again = (await list('?state=active')).items;
      expect(again).toHaveLength(1);
      expect(again[0]!.id).not.toBe(block!.id);
    });

    it('blocks again when an expired block is extended', async (context) => {
      if (!test) return context.skip();
      const [expired] = (await list('?state=expired')).items;
      await agent.get('/api/v1/agent/orders?wait=0'); // the agent took the first blocks' orders
      const extended = await admin.post<Block>(`/api/v1/blocks/${expired!.id}/extend`, { seconds: 3600 });
      expect(extended.body).toMatchObject({ state: 'active', expiresAt: new Date(now + 3_600_000).toISOString() });
      const orders = (await agent.get<{ orders: { kind: string; payload: { blockId: string; seconds: number } }[] }>('/api/v1/agent/orders?wait=0')).body.orders;
      expect(orders.filter((o) => o.payload.blockId === expired!.id).map((o) => [o.kind, o.payload.seconds])).toEqual([['block_source', 3600]]);
    });
  });
}
