// The HTTP API against a real server, on SQLite and PostgreSQL: login and sessions, tokens,
// enrollment and agents, bad input, health and the OpenAPI document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, ApiClient, startTestServer } from './support/test-server.js';
import type { TestServer } from './support/test-server.js';
import { DIALECTS } from './support/stores.js';

const host = {
  machineId: 'f00dfeedf00dfeedf00dfeedf00dfeed',
  hostname: 'db-07',
  ips: ['192.0.2.7'],
  osName: 'Debian GNU/Linux',
  osVersion: '12',
  kernel: '6.1.0-28-amd64',
  arch: 'x86_64',
  agentVersion: '0.1.0',
  components: ['inventory', 'logins'],
};

for (const dialect of DIALECTS) {
  describe(`API on ${dialect}`, () => {
    let test: TestServer | null;
    let admin: ApiClient;

    beforeAll(async () => {
      test = await startTestServer(dialect);
      if (!test) return;
      admin = new ApiClient(test.url);
      expect((await admin.login('admin', ADMIN_PASSWORD)).status).toBe(200);
    });
    afterAll(async () => test?.close());

    it('logs in with a session cookie that is http-only, and logs out', async (context) => {
      if (!test) return context.skip();
      const client = new ApiClient(test.url);
      const login = await client.login('admin', ADMIN_PASSWORD);
      expect(login.status).toBe(200);
      expect(login.body).toMatchObject({ username: 'admin', tenantName: 'default' });
      expect(login.headers.get('set-cookie')).toMatch(/palisade_session=pss_[^;]+;.*HttpOnly/i);
      expect((await client.get('/api/v1/auth/me')).status).toBe(200);
      expect((await client.post('/api/v1/auth/logout')).status).toBe(200);
      expect((await client.get('/api/v1/auth/me')).status).toBe(401);
    });

    it('answers a wrong password and an unknown user alike, then rate-limits', async (context) => {
      if (!test) return context.skip();
      const client = new ApiClient(test.url);
      const wrong = await client.login('admin', 'not the password');
      const unknown = await client.login('nobody-here', 'not the password');
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body).toEqual(unknown.body);
      let last = unknown;
      for (let i = 0; i < 12; i++) last = await client.login('victim', `guess-${i}`);
      expect(last.status).toBe(429);
      expect(last.body).toMatchObject({ error: { code: 'too_many_attempts' } });
      expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    it('changes a password: the old one stops working, other sessions end', async (context) => {
      if (!test) return context.skip();
      const create = await admin.post('/api/v1/users', { username: 'carol', password: 'first password 123', role: 'analyst' });
      expect(create.status).toBe(201);
      const first = new ApiClient(test.url);
      const second = new ApiClient(test.url);
      await first.login('carol', 'first password 123');
      await second.login('carol', 'first password 123');
      const change = await first.post('/api/v1/auth/password', { currentPassword: 'first password 123', newPassword: 'second password 456' });
      expect(change.status).toBe(200);
      expect((await second.get('/api/v1/auth/me')).status).toBe(401);
      expect((await first.get('/api/v1/auth/me')).status).toBe(200);
      expect((await new ApiClient(test.url).login('carol', 'first password 123')).status).toBe(401);
      expect((await new ApiClient(test.url).login('carol', 'second password 456')).status).toBe(200);
    });

    it('enforces roles: an analyst cannot manage tokens or users', async (context) => {
      if (!test) return context.skip();
      await admin.post('/api/v1/users', { username: 'dave', password: 'dave password 123', role: 'viewer' });
      const viewer = new ApiClient(test.url);
      await viewer.login('dave', 'dave password 123');
      expect((await viewer.get('/api/v1/hosts')).status).toBe(200);
      expect((await viewer.post('/api/v1/enrollment-tokens', { name: 'x' })).status).toBe(403);
      expect((await viewer.post('/api/v1/users', { username: 'eve', password: 'eve password 123', role: 'owner' })).status).toBe(403);
    });

    it('API tokens authenticate with Bearer and stop at revocation; changes are audited', async (context) => {
      if (!test) return context.skip();
      const created = await admin.post<{ id: string; token: string }>('/api/v1/api-tokens', { name: 'ci pipeline', role: 'viewer' });
      expect(created.status).toBe(201);
      const bot = new ApiClient(test.url, created.body.token);
      expect((await bot.get('/api/v1/hosts')).status).toBe(200);
      expect((await bot.post('/api/v1/enrollment-tokens', { name: 'x' })).status).toBe(403);
      expect((await admin.request('DELETE', `/api/v1/api-tokens/${created.body.id}`)).status).toBe(200);
      expect((await bot.get('/api/v1/hosts')).status).toBe(401);
      const audit = await admin.get<{ items: { action: string; actorName: string }[] }>('/api/v1/audit');
      const actions = audit.body.items.map((entry) => entry.action);
      expect(actions).toEqual(expect.arrayContaining(['api_token.created', 'api_token.revoked', 'user.created', 'auth.login']));
    });

    it('enrolls an agent with a token, lists the host online, and refuses revoked tokens and unknown credentials', async (context) => {
      if (!test) return context.skip();
      const token = await admin.post<{ id: string; token: string }>('/api/v1/enrollment-tokens', { name: 'rack 7' });
      expect(token.status).toBe(201);
      const anonymous = new ApiClient(test.url);
      const enrolled = await anonymous.post<{ hostId: string; credential: string }>('/api/v1/agent/enroll', { enrollToken: token.body.token, host });
      expect(enrolled.status).toBe(201);
      const agent = new ApiClient(test.url, enrolled.body.credential);
      expect((await agent.post('/api/v1/agent/heartbeat', { host: { ...host, ips: ['192.0.2.7', '198.51.100.7'] } })).status).toBe(200);
      const hosts = await admin.get<{ items: { id: string; hostname: string; status: string; ips: string[] }[]; total: number }>('/api/v1/hosts?q=db-07');
      expect(hosts.body.items).toEqual([expect.objectContaining({ id: enrolled.body.hostId, hostname: 'db-07', status: 'online', ips: ['192.0.2.7', '198.51.100.7'] })]);

      expect((await admin.request('DELETE', `/api/v1/enrollment-tokens/${token.body.id}`)).status).toBe(200);
      expect((await anonymous.post('/api/v1/agent/enroll', { enrollToken: token.body.token, host })).status).toBe(401);
      expect((await new ApiClient(test.url, 'pag_not-a-real-credential').post('/api/v1/agent/heartbeat', { host })).status).toBe(401);
      expect((await new ApiClient(test.url, enrolled.body.credential).get('/api/v1/hosts')).status).toBe(401);
    });

    it('delivers orders by long-poll and records results', async (context) => {
      if (!test) return context.skip();
      const token = await admin.post<{ token: string }>('/api/v1/enrollment-tokens', { name: 'orders' });
      const enrolled = await new ApiClient(test.url).post<{ hostId: string; credential: string }>('/api/v1/agent/enroll', {
        enrollToken: token.body.token,
        host: { ...host, machineId: 'order-host', hostname: 'order-host' },
      });
      const agent = new ApiClient(test.url, enrolled.body.credential);
      const started = Date.now();
      const poll = agent.get<{ orders: { id: string; kind: string }[] }>('/api/v1/agent/orders?wait=20');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const order = await admin.post<{ id: string }>(`/api/v1/hosts/${enrolled.body.hostId}/orders`, { kind: 'resync' });
      expect(order.status).toBe(201);
      const delivered = await poll;
      expect(delivered.body.orders.map((o) => o.id)).toEqual([order.body.id]);
      // Woken by the order, not by the 20 s timeout (a loose bound, not a timing assertion).
      expect(Date.now() - started).toBeLessThan(15_000);
      expect((await agent.post(`/api/v1/agent/orders/${order.body.id}/result`, { ok: true, result: { resent: 12 } })).status).toBe(200);
      const orders = await admin.get<{ items: { status: string; result: unknown }[] }>(`/api/v1/hosts/${enrolled.body.hostId}/orders`);
      expect(orders.body.items[0]).toMatchObject({ status: 'done', result: { resent: 12 } });
    });

    it('cuts off an agent that keeps sending garbage', async (context) => {
      if (!test) return context.skip();
      const token = await admin.post<{ token: string }>('/api/v1/enrollment-tokens', { name: 'garbage' });
      const enrolled = await new ApiClient(test.url).post<{ credential: string }>('/api/v1/agent/enroll', {
        enrollToken: token.body.token,
        host: { ...host, machineId: 'garbage-host', hostname: 'garbage-host' },
      });
      const agent = new ApiClient(test.url, enrolled.body.credential);
      const valid = { spoolId: 'spool-garbage', events: [{ seq: 1, type: 'test.event', time: new Date().toISOString(), data: {} }] };
      expect((await agent.post('/api/v1/agent/events', valid)).status).toBe(200);
      const statuses: number[] = [];
      for (let i = 0; i < 25; i++) statuses.push((await agent.post('/api/v1/agent/events', { spoolId: 'x', events: [{ seq: -1, type: '!!', time: 'yesterday' }] })).status);
      expect(statuses.slice(0, 19).every((status) => status === 400)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
      const refused = await agent.post('/api/v1/agent/events', { ...valid, events: [{ ...valid.events[0]!, seq: 2 }] });
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ error: { code: 'agent_cut_off' } });
    });

    it('answers bad input with 400/413/415 in the error shape, never 500', async (context) => {
      if (!test) return context.skip();
      const malformed = await admin.request('POST', '/api/v1/enrollment-tokens', '{"name": ', {});
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
      const wrongType = await admin.post('/api/v1/enrollment-tokens', { name: 42 });
      expect(wrongType.status).toBe(400);
      expect(wrongType.body).toMatchObject({ error: { code: 'invalid_request', details: { issues: [{ path: 'body.name' }] } } });
      const huge = await admin.post('/api/v1/enrollment-tokens', { name: 'x'.repeat(2 * 1024 * 1024) });
      expect(huge.status).toBe(413);
      expect(huge.body).toMatchObject({ error: { code: 'payload_too_large' } });
      const xml = await admin.request('POST', '/api/v1/enrollment-tokens', '<name/>', { 'content-type': 'application/xml' });
      expect(xml.status).toBe(415);
      const badQuery = await admin.get('/api/v1/hosts?limit=-3');
      expect(badQuery.status).toBe(400);
      const unknownRoute = await admin.get('/api/v1/nothing-here');
      expect(unknownRoute.status).toBe(404);
      expect(unknownRoute.body).toMatchObject({ error: { code: 'not_found' } });
    });

    it('serves health, readiness, metrics and the OpenAPI document', async (context) => {
      if (!test) return context.skip();
      const client = new ApiClient(test.url);
      expect((await client.get('/healthz')).status).toBe(200);
      expect((await client.get('/readyz')).body).toEqual({ status: 'ready' });
      const metrics = await client.get<string>('/metrics');
      expect(metrics.body).toContain('palisade_http_request_duration_seconds');
      const openapi = await client.get<{ openapi: string; paths: Record<string, Record<string, unknown>> }>('/api/v1/openapi.json');
      expect(openapi.body.openapi).toBe('3.1.0');
      expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/api/v1/hosts', '/api/v1/hosts/{id}', '/api/v1/auth/login', '/api/v1/agent/events']));
      const listHosts = openapi.body.paths['/api/v1/hosts']?.get as { responses: Record<string, { content: Record<string, { schema: { properties: Record<string, unknown> } }> }> };
      expect(Object.keys(listHosts.responses['200']!.content['application/json']!.schema.properties)).toEqual(['items', 'total', 'limit', 'offset']);
    });
  });
}
