// Tenant isolation, checked the way an attacker would: a user of tenant B walks every route of
// the API with the ids of tenant A's objects and gets 404 every time, and B's lists never show
// anything of A's. New routes are picked up automatically from the route list; a route whose id
// kind or body this test does not know fails the test until it is taught here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../src/server/api/index.js';
import { ADMIN_PASSWORD, ApiClient, startTestServer } from './support/test-server.js';
import type { TestServer } from './support/test-server.js';
import { DIALECTS } from './support/stores.js';

/** Which of tenant A's objects an `:id` in a path names, by the path's resource. */
const ID_KIND: Record<string, string> = {
  '/api/v1/hosts/': 'host',
  '/api/v1/users/': 'user',
  '/api/v1/api-tokens/': 'apiToken',
  '/api/v1/enrollment-tokens/': 'enrollmentToken',
  '/api/v1/events/': 'event',
  '/api/v1/whitelists/': 'whitelist',
  '/api/v1/baselines/ignores/': 'baselineIgnore',
  '/api/v1/baselines/schedules/': 'baselineSchedule',
  '/api/v1/vulnerabilities/ignores/': 'vulnerabilityIgnore',
  '/api/v1/registries/': 'registry',
  '/api/v1/images/': 'image',
  '/api/v1/image-scans/': 'imageScan',
  '/api/v1/blocks/': 'block',
  '/api/v1/host-groups/': 'hostGroup',
};

/** A valid body for each route with an id and a body, so validation passes and only tenancy decides. */
const BODIES: Record<string, unknown> = {
  'PATCH /api/v1/users/:id': { role: 'viewer' },
  'POST /api/v1/hosts/:id/orders': { kind: 'resync' },
  'PATCH /api/v1/baselines/schedules/:id': { enabled: false },
  'PATCH /api/v1/registries/:id': { name: 'probe' },
  'POST /api/v1/blocks/:id/extend': { seconds: 600 },
  'PATCH /api/v1/host-groups/:id': { name: 'probe' },
  'POST /api/v1/host-groups/:id/members': { hostIds: ['a-probe-host'] },
  'POST /api/v1/host-groups/:id/members/remove': { hostIds: ['a-probe-host'] },
};

for (const dialect of DIALECTS) {
  describe(`tenant isolation on ${dialect}`, () => {
    let test: TestServer | null;
    const idsOfA: Record<string, string> = {};
    let tenantB: ApiClient;

    beforeAll(async () => {
      test = await startTestServer(dialect);
      if (!test) return;
      const platform = new ApiClient(test.url);
      await platform.login('admin', ADMIN_PASSWORD);
      for (const name of ['tenant-a', 'tenant-b']) {
        const created = await platform.post('/api/v1/tenants', { name, ownerUsername: `${name}-owner`, ownerPassword: `${name} password!` });
        expect(created.status).toBe(201);
      }
      const a = new ApiClient(test.url);
      await a.login('tenant-a-owner', 'tenant-a password!');
      const token = await a.post<{ id: string; token: string }>('/api/v1/enrollment-tokens', { name: 'a-token' });
      idsOfA.enrollmentToken = token.body.id;
      const enrolled = await new ApiClient(test.url).post<{ hostId: string; credential: string }>('/api/v1/agent/enroll', {
        enrollToken: token.body.token,
        host: { machineId: 'tenant-a-host', hostname: 'a-secret-host', ips: ['203.0.113.9'], osName: 'Debian', osVersion: '12', kernel: '6.1', arch: 'x86_64', agentVersion: '0.1.0', components: [] },
      });
      idsOfA.host = enrolled.body.hostId;
      // Tenant A's agent reports its ports, then a new one: an inventory row and an event.
      const agentOfA = new ApiClient(test.url, enrolled.body.credential);
      const port = (n: number) => ({ protocol: 'tcp', family: 'ipv4', address: '0.0.0.0', port: n, state: 'LISTEN', pid: 1, processName: 'a-secret-daemon', external: true });
      const time = new Date().toISOString();
      const delivered = await agentOfA.post('/api/v1/agent/events', {
        spoolId: 'tenant-a-spool',
        events: [
          { seq: 1, type: 'inventory.delta', time, data: { kind: 'ports', full: true, upserted: [port(22)], removed: [] } },
          { seq: 2, type: 'inventory.delta', time, data: { kind: 'ports', full: false, upserted: [port(6379)], removed: [] } },
          // A baseline run with a passing check: results and history rows, no event.
          { seq: 3, type: 'baseline.results', time, data: { policies: ['a-secret-policy'], results: [{ policyId: 'a-secret-policy', checkId: '1', title: 'a-secret-daemon is hardened', result: 'passed', reason: 'all rules held', evidence: [], severity: 'high' }] } },
        ],
      });
      expect(delivered.status).toBe(200);
      const events = await a.get<{ items: { id: number }[] }>('/api/v1/events');
      expect(events.body.items).toHaveLength(1);
      idsOfA.event = String(events.body.items[0]!.id);
      idsOfA.user = (await a.post<{ id: string }>('/api/v1/users', { username: 'a-analyst', password: 'analyst password!', role: 'analyst' })).body.id;
      idsOfA.apiToken = (await a.post<{ id: string }>('/api/v1/api-tokens', { name: 'a-bot', role: 'viewer' })).body.id;
      idsOfA.whitelist = (await a.post<{ id: string }>('/api/v1/whitelists', { name: 'a-office', source: '192.0.2.0/24' })).body.id;
      const hostGroup = await a.post<{ id: string }>('/api/v1/host-groups', { name: 'a-secret-daemon hosts', description: 'a-secret-daemon', hostIds: [idsOfA.host] });
      expect(hostGroup.status).toBe(201);
      idsOfA.hostGroup = hostGroup.body.id;
      await a.post(`/api/v1/hosts/${idsOfA.host}/orders`, { kind: 'resync' });
      const ignore = await a.post<{ id: string }>('/api/v1/baselines/ignores', { policyId: 'a-secret-policy', checkId: '1', hostId: idsOfA.host, reason: 'a-secret-daemon is retired' });
      expect(ignore.status).toBe(201);
      idsOfA.baselineIgnore = ignore.body.id;
      const vulnerabilityIgnore = await a.post<{ id: string }>('/api/v1/vulnerabilities/ignores', { package: 'a-secret-daemon', hostId: idsOfA.host, reason: 'a-secret-daemon is retired' });
      expect(vulnerabilityIgnore.status).toBe(201);
      idsOfA.vulnerabilityIgnore = vulnerabilityIgnore.body.id;
      // A baseline schedule on A's host, and a policy A trusts to run commands.
      const schedule = await a.post<{ id: string }>('/api/v1/baselines/schedules', { name: 'a-secret-daemon nightly', policies: ['a-secret-policy'], hostIds: [idsOfA.host], dailyAt: '02:00' });
      expect(schedule.status).toBe(201);
      idsOfA.baselineSchedule = schedule.body.id;
      expect((await a.request('PUT', '/api/v1/baselines/trusted-policies', { policyId: 'a-secret-daemon-policy', trusted: true })).status).toBe(200);
      // A registry (nothing listens on its port) with an image and a finished scan of it, as a sync would leave them.
      const registryOfA = await a.post<{ id: string }>('/api/v1/registries', { name: 'a-secret-registry', url: 'http://127.0.0.1:9', username: 'a-secret-daemon', password: 'a-secret-password' });
      expect(registryOfA.status).toBe(201);
      idsOfA.registry = registryOfA.body.id;
      const { db } = test.server.context.store;
      const tenantOfA = (await db.selectFrom('registries').select('tenant_id').where('id', '=', idsOfA.registry).executeTakeFirstOrThrow()).tenant_id;
      idsOfA.image = 'a-secret-image-id';
      idsOfA.imageScan = 'a-secret-scan-id';
      const at = new Date().toISOString();
      await db.insertInto('registry_images').values({ id: idsOfA.image, tenant_id: tenantOfA, registry_id: idsOfA.registry, repository: 'a-secret-daemon/app', tag: 'v1', digest: `sha256:${'a'.repeat(64)}`, first_seen: at, last_seen: at, digest_changed_at: null, removed_at: null, last_scan_id: idsOfA.imageScan, result_scan_id: idsOfA.imageScan }).execute();
      await db.insertInto('image_scans').values({ id: idsOfA.imageScan, tenant_id: tenantOfA, image_id: idsOfA.image, repository: 'a-secret-daemon/app', tag: 'v1', digest: `sha256:${'a'.repeat(64)}`, reason: 'new-tag', status: 'done', error: null, queued_at: at, started_at: at, finished_at: at, critical: 1, high: 0, medium: 0, low: 0, secrets: 0, malware: 0, counts: null, result: null }).execute();
      // Tenant A blocks brute-forcing sources automatically; its agent reports one: a block.
      expect((await a.request('PUT', '/api/v1/response/settings', { autoBlock: true, blockSeconds: 600, triggers: ['brute_force'], managementCidrs: [] })).status).toBe(200);
      const failure = (seq: number) => ({ seq, type: 'login.event', time, data: { type: 'failure', service: 'sshd', reason: 'wrong_password', user: 'root', sourceIp: '198.51.100.77', sourcePort: 40000 + seq, host: null, time, file: '/var/log/auth.log', line: seq } });
      expect((await agentOfA.post('/api/v1/agent/events', { spoolId: 'tenant-a-spool', events: [10, 11, 12, 13, 14].map(failure) })).status).toBe(200);
      const blocks = await a.get<{ items: { id: string }[] }>('/api/v1/blocks');
      expect(blocks.body.items).toHaveLength(1);
      idsOfA.block = blocks.body.items[0]!.id;
      // Tenant A's own login detection settings, recognisable in any list that would leak them.
      const settings = (await a.get<{ config: { abnormal: Record<string, unknown> } }>('/api/v1/settings/login-detection')).body.config;
      const tuned = await a.request('PUT', '/api/v1/settings/login-detection', { ...settings, abnormal: { ...settings.abnormal, allowedUsers: ['a-secret-daemon'] } });
      expect(tuned.status).toBe(200);
      tenantB = new ApiClient(test.url);
      await tenantB.login('tenant-b-owner', 'tenant-b password!');
    });
    afterAll(async () => test?.close());

    const userRoutes = apiRoutes.filter((route) => route.access !== 'public' && route.access !== 'agent');

    it('gets 404 on every route that names an object of tenant A', async (context) => {
      if (!test) return context.skip();
      const withId = userRoutes.filter((route) => route.path.includes(':id'));
      expect(withId.length).toBeGreaterThan(5);
      for (const route of withId) {
        const prefix = Object.keys(ID_KIND).find((candidate) => route.path.startsWith(candidate));
        expect(prefix, `no id kind known for ${route.path}`).toBeDefined();
        const id = idsOfA[ID_KIND[prefix!]!];
        const key = `${route.method} ${route.path}`;
        const body = route.body ? BODIES[key] : undefined;
        if (route.body) expect(body, `no sample body for ${key}`).toBeDefined();
        const response = await tenantB.request(route.method, route.path.replace(':id', id!).replace(':kind', 'ports'), body);
        expect({ route: key, status: response.status }).toEqual({ route: key, status: 404 });
      }
    });

    it("never shows tenant A's objects in tenant B's lists", async (context) => {
      if (!test) return context.skip();
      const lists = userRoutes
        .filter((route) => route.method === 'GET' && !route.path.includes(':id') && route.access !== 'platform')
        .map((route) => ({ ...route, path: route.path.replace(':kind', 'ports') }));
      expect(lists.length).toBeGreaterThan(3);
      for (const route of lists) {
        const response = await tenantB.get(route.path);
        expect(response.status, route.path).toBe(200);
        const text = JSON.stringify(response.body);
        // Event ids are small numbers; the event is recognised by what it names instead.
        for (const [kind, id] of Object.entries(idsOfA)) if (kind !== 'event') expect(text, `${route.path} leaks ${id}`).not.toContain(id);
        expect(text).not.toContain('a-secret-host');
        expect(text).not.toContain('a-secret-daemon');
      }
    });

    it("changes no status of tenant A's events", async (context) => {
      if (!test) return context.skip();
      const attempt = await tenantB.post<{ updated: number[] }>('/api/v1/events/status', { ids: [Number(idsOfA.event)], status: 'ignored' });
      expect(attempt.body.updated).toEqual([]);
      const platform = new ApiClient(test.url);
      await platform.login('tenant-a-owner', 'tenant-a password!');
      expect((await platform.get<{ status: string }>(`/api/v1/events/${idsOfA.event}`)).body.status).toBe('pending');
    });

    it("cannot put an ignore rule on tenant A's host", async (context) => {
      if (!test) return context.skip();
      const attempt = await tenantB.post('/api/v1/baselines/ignores', { policyId: 'a-secret-policy', checkId: '1', hostId: idsOfA.host, reason: 'probe' });
      expect(attempt.status).toBe(404);
    });

    it("keeps tenant A's login detection settings from tenant B, and B's changes from A", async (context) => {
      if (!test) return context.skip();
      const ofB = await tenantB.get<{ config: { abnormal: { allowedUsers: string[] } } }>('/api/v1/settings/login-detection');
      expect(ofB.body.config.abnormal.allowedUsers).toEqual([]);
      expect((await tenantB.request('PUT', '/api/v1/settings/login-detection', { bruteForce: { failures: 2, seconds: 60, severity: 'low' } })).status).toBe(200);
      const a = new ApiClient(test.url);
      await a.login('tenant-a-owner', 'tenant-a password!');
      const ofA = await a.get<{ config: { bruteForce: { failures: number }; abnormal: { allowedUsers: string[] } } }>('/api/v1/settings/login-detection');
      expect([ofA.body.config.bruteForce.failures, ofA.body.config.abnormal.allowedUsers]).toEqual([5, ['a-secret-daemon']]);
    });

    it("cannot whitelist activity on tenant A's host", async (context) => {
      if (!test) return context.skip();
      const attempt = await tenantB.post('/api/v1/whitelists', { name: 'probe', source: '192.0.2.1', hostIds: [idsOfA.host] });
      expect(attempt.status).toBe(400);
    });

    it("cannot schedule baseline scans on tenant A's host, and its trust stays its own", async (context) => {
      if (!test) return context.skip();
      const attempt = await tenantB.post('/api/v1/baselines/schedules', { name: 'probe', hostIds: [idsOfA.host], intervalHours: 1 });
      expect(attempt.status).toBe(400);
      expect((await tenantB.request('PUT', '/api/v1/baselines/trusted-policies', { policyId: 'b-policy', trusted: true })).status).toBe(200);
      const a = new ApiClient(test.url);
      await a.login('tenant-a-owner', 'tenant-a password!');
      expect((await a.get<{ items: { policyId: string }[] }>('/api/v1/baselines/trusted-policies')).body.items.map((item) => item.policyId)).toEqual(['a-secret-daemon-policy']);
    });

    it("cannot put a vulnerability ignore rule on tenant A's host", async (context) => {
      if (!test) return context.skip();
      const attempt = await tenantB.post('/api/v1/vulnerabilities/ignores', { hostId: idsOfA.host, reason: 'probe' });
      expect(attempt.status).toBe(404);
    });

    it("cannot add tenant A's host to B's group, nor name A's group in B's rules", async (context) => {
      if (!test) return context.skip();
      const created = await tenantB.post<{ id: string }>('/api/v1/host-groups', { name: 'b-group', hostIds: [idsOfA.host] });
      expect(created.status).toBe(400);
      const group = await tenantB.post<{ id: string }>('/api/v1/host-groups', { name: 'b-group' });
      expect(group.status).toBe(201);
      expect((await tenantB.post(`/api/v1/host-groups/${group.body.id}/members`, { hostIds: [idsOfA.host] })).status).toBe(400);
      expect((await tenantB.get<{ hostIds: string[] }>(`/api/v1/host-groups/${group.body.id}`)).body.hostIds).toEqual([]);
      expect((await tenantB.get<{ total: number }>(`/api/v1/hosts?group=${idsOfA.hostGroup}`)).body.total).toBe(0);
      expect((await tenantB.post('/api/v1/vulnerabilities/ignores', { hostGroupId: idsOfA.hostGroup, reason: 'probe' })).status).toBe(404);
      expect((await tenantB.post('/api/v1/whitelists', { name: 'probe', source: '192.0.2.1', hostGroupIds: [idsOfA.hostGroup] })).status).toBe(400);
      expect((await tenantB.post('/api/v1/baselines/ignores', { policyId: 'a-secret-policy', checkId: '1', hostGroupId: idsOfA.hostGroup, reason: 'probe' })).status).toBe(404);
      const a = new ApiClient(test.url);
      await a.login('tenant-a-owner', 'tenant-a password!');
      expect((await a.get<{ name: string; hostIds: string[] }>(`/api/v1/host-groups/${idsOfA.hostGroup}`)).body).toMatchObject({ name: 'a-secret-daemon hosts', hostIds: [idsOfA.host] });
    });

    it("keeps tenant A's automatic blocking setting from tenant B", async (context) => {
      if (!test) return context.skip();
      expect((await tenantB.get<{ autoBlock: boolean }>('/api/v1/response/settings')).body.autoBlock).toBe(false);
      expect((await tenantB.request('PUT', '/api/v1/response/settings', { autoBlock: false, blockSeconds: 60, triggers: [], managementCidrs: [] })).status).toBe(200);
      const a = new ApiClient(test.url);
      await a.login('tenant-a-owner', 'tenant-a password!');
      expect((await a.get<{ autoBlock: boolean; blockSeconds: number }>('/api/v1/response/settings')).body).toMatchObject({ autoBlock: true, blockSeconds: 600 });
      expect((await a.get<{ state: string }>(`/api/v1/blocks/${idsOfA.block}`)).body.state).toBe('active');
    });

    it('refuses platform routes to a tenant owner', async (context) => {
      if (!test) return context.skip();
      expect((await tenantB.get('/api/v1/tenants')).status).toBe(403);
      // The advisory database is shared by all tenants: its status is readable, its refresh is not theirs.
      expect((await tenantB.post('/api/v1/advisory-database/refresh')).status).toBe(403);
    });
  });
}
