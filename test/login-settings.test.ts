// Per-tenant login detection settings on a real server, on SQLite and PostgreSQL: a tenant that
// lowers its brute-force threshold to 3 gets an event after 3 failures while a tenant on the
// defaults does not (it needs 5); switching a detection off takes effect for the next attempt
// (the cached settings are forgotten on change); bad settings are refused with the field named and
// change nothing; only managers may change them, and every change is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/stores.js';
import { ADMIN_PASSWORD, ApiClient, startTestServer } from './support/test-server.js';
import type { TestServer } from './support/test-server.js';

interface Settings {
  config: { bruteForce: { enabled: boolean; failures: number; seconds: number; severity: string } } & Record<string, unknown>;
  defaults: { bruteForce: { failures: number; seconds: number } } & Record<string, unknown>;
  updatedAt: string | null;
  updatedBy: string | null;
}
interface Event {
  type: string;
  severity: string;
  details: { sourceIp: string; attempts: number };
}

const SETTINGS = '/api/v1/settings/login-detection';

for (const dialect of DIALECTS) {
  describe(`login detection settings on ${dialect}`, () => {
    let test: TestServer | null;
    const owners: Record<string, ApiClient> = {};
    const agents: Record<string, { client: ApiClient; seq: number }> = {};
    /** Attempts are a second apart, each later than the one before, starting a few minutes ago. */
    let clock = Date.now() - 300_000;

    /** The tenant's agent reports `count` failed sshd logins from `ip`. */
    async function failures(tenant: string, ip: string, count: number): Promise<void> {
      const agent = agents[tenant]!;
      const events = Array.from({ length: count }, (_, i) => {
        clock += 1000;
        const time = new Date(clock).toISOString();
        agent.seq++;
        return { seq: agent.seq, type: 'login.event', time, data: { type: 'failure', service: 'sshd', reason: 'wrong_password', user: 'root', sourceIp: ip, sourcePort: 40000 + i, host: 'web1', time, file: '/var/log/auth.log', line: agent.seq } };
      });
      const sent = await agent.client.post(`/api/v1/agent/events`, { spoolId: `${tenant}-spool`, events });
      expect(sent.status).toBe(200);
    }

    async function bruteForces(tenant: string, ip: string): Promise<Event[]> {
      return (await owners[tenant]!.get<{ items: Event[] }>(`/api/v1/events?type=brute_force&q=${ip}`)).body.items;
    }

    beforeAll(async () => {
      test = await startTestServer(dialect);
      if (!test) return;
      const platform = new ApiClient(test.url);
      await platform.login('admin', ADMIN_PASSWORD);
      for (const name of ['strict', 'lax']) {
        expect((await platform.post('/api/v1/tenants', { name, ownerUsername: `${name}-owner`, ownerPassword: `${name} password!` })).status).toBe(201);
        const owner = new ApiClient(test.url);
        await owner.login(`${name}-owner`, `${name} password!`);
        owners[name] = owner;
        const token = (await owner.post<{ token: string }>('/api/v1/enrollment-tokens', { name })).body.token;
        const enrolled = await new ApiClient(test.url).post<{ credential: string }>('/api/v1/agent/enroll', {
          enrollToken: token,
          host: { machineId: `${name}-host`, hostname: `${name}-web1`, ips: [], osName: 'Debian', osVersion: '12', kernel: '6.1', arch: 'x86_64', agentVersion: '0.1.0', components: [] },
        });
        agents[name] = { client: new ApiClient(test.url, enrolled.body.credential), seq: 0 };
      }
    }, 60_000);
    afterAll(async () => test?.close());

    it('starts on the defaults: 5 failures in 60 s', async (context) => {
      if (!test) return context.skip();
      const settings = (await owners.strict!.get<Settings>(SETTINGS)).body;
      expect(settings.config.bruteForce).toEqual({ enabled: true, failures: 5, seconds: 60, severity: 'high' });
      expect(settings.config).toEqual(settings.defaults);
      expect(settings.updatedAt).toBeNull();
    });

    it('raises a brute force after 3 failures for the tenant with a threshold of 3, not for the one on the defaults', async (context) => {
      if (!test) return context.skip();
      const current = (await owners.strict!.get<Settings>(SETTINGS)).body.config;
      const put = await owners.strict!.request<Settings>('PUT', SETTINGS, { ...current, bruteForce: { ...current.bruteForce, failures: 3, severity: 'critical' } });
      expect(put.status).toBe(200);
      expect(put.body.config.bruteForce.failures).toBe(3);
      expect(put.body.updatedBy).toBe('strict-owner');

      await failures('strict', '203.0.113.3', 3);
      await failures('lax', '203.0.113.3', 3);
      const strict = await bruteForces('strict', '203.0.113.3');
      expect(strict.map((e) => [e.severity, e.details.attempts])).toEqual([['critical', 3]]);
      expect(await bruteForces('lax', '203.0.113.3')).toEqual([]);
      // The defaults still work for the other tenant: two more failures make its five.
      await failures('lax', '203.0.113.3', 2);
      expect((await bruteForces('lax', '203.0.113.3')).map((e) => [e.severity, e.details.attempts])).toEqual([['high', 5]]);
    });

    it('stops raising a switched-off detection at the next attempt', async (context) => {
      if (!test) return context.skip();
      const current = (await owners.strict!.get<Settings>(SETTINGS)).body.config;
      expect((await owners.strict!.request('PUT', SETTINGS, { ...current, bruteForce: { ...current.bruteForce, enabled: false } })).status).toBe(200);
      await failures('strict', '203.0.113.4', 6);
      expect(await bruteForces('strict', '203.0.113.4')).toEqual([]);
      expect((await owners.strict!.request('PUT', SETTINGS, current)).status).toBe(200);
      await failures('strict', '203.0.113.5', 3);
      expect(await bruteForces('strict', '203.0.113.5')).toHaveLength(1);
    });

    it('refuses settings out of range, naming the field, and keeps the ones in force', async (context) => {
      if (!test) return context.skip();
      const before = (await owners.strict!.get<Settings>(SETTINGS)).body;
      const bad = await owners.strict!.request<{ error: { message: string } }>('PUT', SETTINGS, { ...before.config, bruteForce: { ...before.config.bruteForce, failures: 0, seconds: 10 ** 9 } });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toMatch(/bruteForce/);
      const unknown = await owners.strict!.request('PUT', SETTINGS, { ...before.config, bruteforce: {} });
      expect(unknown.status).toBe(400);
      expect((await owners.strict!.get<Settings>(SETTINGS)).body).toEqual(before);
    });

    it('lets only managers change them, and audits each change', async (context) => {
      if (!test) return context.skip();
      expect((await owners.strict!.post('/api/v1/users', { username: 'strict-viewer', password: 'viewer password!', role: 'viewer' })).status).toBe(201);
      const viewer = new ApiClient(test.url);
      await viewer.login('strict-viewer', 'viewer password!');
      const settings = await viewer.get<Settings>(SETTINGS);
      expect(settings.status).toBe(200);
      expect((await viewer.request('PUT', SETTINGS, settings.body.config)).status).toBe(403);
      const audit = await owners.strict!.get<{ items: { action: string; actorName: string; details: { after: Settings['config'] } }[] }>('/api/v1/audit?action=login_detection.settings_changed');
      expect(audit.body.items.map((entry) => [entry.actorName, entry.details.after.bruteForce.enabled, entry.details.after.bruteForce.failures])).toEqual([
        ['strict-owner', true, 3],
        ['strict-owner', false, 3],
        ['strict-owner', true, 3],
      ]);
    });
  });
}
