// Fuzzes every route with hostile bodies and queries (random bytes, wrong types, deep nesting,
// huge numbers, prototype keys) as a logged-in admin and as an enrolled agent: the answer is
// always a 4xx in the error shape, never a 500 or a dropped connection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../src/server/api/index.js';
import { ADMIN_PASSWORD, ApiClient, startTestServer } from './support/test-server.js';
import type { TestServer } from './support/test-server.js';

/** Deterministic PRNG (mulberry32) so a failure can be replayed from its seed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hostileBodies(next: () => number): string[] {
  const bytes = Buffer.from(Array.from({ length: 64 }, () => Math.floor(next() * 256))).toString('latin1');
  let deep = '1';
  for (let i = 0; i < 5000; i++) deep = `[${deep}]`;
  return [
    bytes,
    '',
    'null',
    '[]',
    '"string"',
    '1e309',
    deep,
    '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}',
    JSON.stringify({ name: { $gt: '' }, username: ['admin'], password: { length: 1 }, events: 'x', host: null, kind: 'rm -rf /' }),
    JSON.stringify({ spoolId: 'a'.repeat(10_000), events: [{ seq: Number.MAX_SAFE_INTEGER * 4, type: 'x', time: '2026-13-45T99:99:99Z', data: [] }] }),
    `{"name": "${'\\u0000'.repeat(100)}"}`,
  ];
}

describe('API fuzz', () => {
  let test: TestServer | null;
  let admin: ApiClient;
  let agent: ApiClient;

  beforeAll(async () => {
    test = await startTestServer('sqlite');
    if (!test) return;
    admin = new ApiClient(test.url);
    await admin.login('admin', ADMIN_PASSWORD);
    const token = await admin.post<{ token: string }>('/api/v1/enrollment-tokens', { name: 'fuzz' });
    const enrolled = await new ApiClient(test.url).post<{ credential: string }>('/api/v1/agent/enroll', {
      enrollToken: token.body.token,
      host: { machineId: 'fuzz', hostname: 'fuzz', ips: [], osName: 'Debian', osVersion: '12', kernel: '6.1', arch: 'x86_64', agentVersion: '0.1.0', components: [] },
    });
    agent = new ApiClient(test.url, enrolled.body.credential);
  });
  afterAll(async () => test?.close());

  it('never answers 500 to hostile input on any route', async (context) => {
    if (!test) return context.skip();
    const next = random(20261127);
    for (const route of apiRoutes) {
      // Logout would end the fuzzing session; it takes no input anyway.
      if (route.path === '/api/v1/auth/logout') continue;
      const client = route.access === 'agent' ? agent : admin;
      const paths = [route.path.replace(':id', 'x'), route.path.replace(':id', "1' or '1'='1"), route.path.replace(':id', '..%2F..%2Fetc%2Fpasswd')];
      for (const path of paths) {
        const query = `?limit=${['-1', 'abc', '1e9', ''][Math.floor(next() * 4)]}&q=%00%ff&status=nope&wait=999`;
        for (const body of route.method === 'GET' || route.method === 'DELETE' ? [undefined] : hostileBodies(next)) {
          const response = await client.request(route.method, path + query, body);
          expect({ route: `${route.method} ${route.path}`, body: body?.slice(0, 40), status: response.status < 500 }).toMatchObject({ status: true });
          if (response.status >= 400) expect(response.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
        }
      }
    }
    // Still alive and sane after all that.
    expect((await admin.get('/api/v1/auth/me')).status).toBe(200);
  });
});
