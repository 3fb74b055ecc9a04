// Host groups end to end on a real server, on SQLite and PostgreSQL: managers create, rename,
// fill and empty groups (audited; viewers cannot), hosts show their groups and filter by one, and
// rules naming a group — vulnerability and baseline ignore rules, a login whitelist — cover its members
// and not other hosts, including a host added to the group after the rule was made. A group a
// rule names cannot be deleted (409 naming the rule).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/stores.js';
import { ADMIN_PASSWORD, ApiClient, startTestServer } from './support/test-server.js';
import type { TestServer } from './support/test-server.js';

interface Group {
  id: string;
  name: string;
  description: string;
  hostIds: string[];
}

for (const dialect of DIALECTS) {
  describe(`host groups on ${dialect}`, () => {
    let test: TestServer | null;
    let admin: ApiClient;
    const hosts: Record<string, { id: string; agent: ApiClient }> = {};
    let tenantId: string;

    beforeAll(async () => {
      test = await startTestServer(dialect);
      if (!test) return;
      admin = new ApiClient(test.url);
      await admin.login('admin', ADMIN_PASSWORD);
      const token = await admin.post<{ token: string }>('/api/v1/enrollment-tokens', { name: 'groups' });
      for (const name of ['web-1', 'web-2', 'db-1']) {
        const enrolled = await new ApiClient(test.url).post<{ hostId: string; credential: string }>('/api/v1/agent/enroll', {
          enrollToken: token.body.token,
          host: { machineId: `machine-${name}`, hostname: name, ips: [], osName: 'Debian', osVersion: '12', kernel: '6.1', arch: 'x86_64', agentVersion: '0.1.0', components: [] },
        });
        expect(enrolled.status).toBe(201);
        hosts[name] = { id: enrolled.body.hostId, agent: new ApiClient(test.url, enrolled.body.credential) };
      }
      tenantId = (await test.server.context.store.db.selectFrom('hosts').select('tenant_id').where('id', '=', hosts['web-1']!.id).executeTakeFirstOrThrow()).tenant_id;
    }, 120_000);
    afterAll(async () => test?.close());

    it('creates, renames, fills and empties groups, shown on hosts and audited', async (context) => {
      if (!test) return context.skip();
      const created = await admin.post<Group>('/api/v1/host-groups', { name: 'web', description: 'public web servers', hostIds: [hosts['web-1']!.id] });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'web', description: 'public web servers', hostIds: [hosts['web-1']!.id] });
      const group = created.body.id;
      expect((await admin.post('/api/v1/host-groups', { name: 'web' })).status).toBe(409);
      expect((await admin.post<{ error: { message: string } }>('/api/v1/host-groups', { name: 'ghosts', hostIds: [randomUUID()] })).status).toBe(400);
      expect((await admin.post('/api/v1/host-groups', { name: '   ' })).status).toBe(400);
      // A host may be in several groups.
      const all = await admin.post<Group>('/api/v1/host-groups', { name: 'all', hostIds: [hosts['web-1']!.id, hosts['db-1']!.id] });
      expect(all.status).toBe(201);

      const renamed = await admin.request<Group>('PATCH', `/api/v1/host-groups/${group}`, { name: 'frontend' });
      expect(renamed.body).toMatchObject({ name: 'frontend', description: 'public web servers' });
      expect((await admin.request('PATCH', `/api/v1/host-groups/${group}`, { name: 'all' })).status).toBe(409);
      const added = await admin.post<Group>(`/api/v1/host-groups/${group}/members`, { hostIds: [hosts['web-2']!.id, hosts['web-1']!.id] });
      expect(added.body.hostIds.sort()).toEqual([hosts['web-1']!.id, hosts['web-2']!.id].sort());

      const web1 = await admin.get<{ groups: { id: string; name: string }[] }>(`/api/v1/hosts/${hosts['web-1']!.id}`);
      expect(web1.body.groups).toEqual([{ id: all.body.id, name: 'all' }, { id: group, name: 'frontend' }]);
      const members = await admin.get<{ items: { hostname: string; groups: { name: string }[] }[]; total: number }>(`/api/v1/hosts?group=${group}`);
      expect(members.body.items.map((host) => host.hostname)).toEqual(['web-1', 'web-2']);
      expect(members.body.total).toBe(2);
      expect((await admin.get<{ total: number }>(`/api/v1/hosts?group=${randomUUID()}`)).body.total).toBe(0);

      const removed = await admin.post<Group>(`/api/v1/host-groups/${group}/members/remove`, { hostIds: [hosts['web-2']!.id] });
      expect(removed.body.hostIds).toEqual([hosts['web-1']!.id]);
      expect((await admin.get<{ groups: unknown[] }>(`/api/v1/hosts/${hosts['web-2']!.id}`)).body.groups).toEqual([]);

      // Read is enough to list; changing needs manage.
      await admin.post('/api/v1/users', { username: 'groups-viewer', password: 'viewer password!', role: 'viewer' });
      const viewer = new ApiClient(test.url);
      await viewer.login('groups-viewer', 'viewer password!');
      expect((await viewer.get<{ items: Group[] }>('/api/v1/host-groups')).body.items.map((item) => item.name)).toEqual(['all', 'frontend']);
      expect((await viewer.post('/api/v1/host-groups', { name: 'mine' })).status).toBe(403);
      expect((await viewer.post(`/api/v1/host-groups/${group}/members`, { hostIds: [hosts['db-1']!.id] })).status).toBe(403);

      const deleted = await admin.request<Group>('DELETE', `/api/v1/host-groups/${all.body.id}`);
      expect(deleted.status).toBe(200);
      expect((await admin.get(`/api/v1/host-groups/${all.body.id}`)).status).toBe(404);
      const audit = await admin.get<{ items: { action: string; targetId: string }[] }>('/api/v1/audit?limit=100');
      const actions = audit.body.items.filter((entry) => entry.targetId === group || entry.targetId === all.body.id).map((entry) => entry.action).sort();
      expect(actions).toEqual(['host_group.created', 'host_group.created', 'host_group.deleted', 'host_group.members_added', 'host_group.members_removed', 'host_group.updated']);
    });

    it('adds 1,200 hosts at once (in slices); the same list again adds only the host not yet in it', async (context) => {
      if (!test) return context.skip();
      const { db } = test.server.context.store;
      const template = await db.selectFrom('hosts').selectAll().where('id', '=', hosts['db-1']!.id).executeTakeFirstOrThrow();
      const ids = Array.from({ length: 1200 }, (_, index) => `fleet-${String(index).padStart(4, '0')}`);
      for (let start = 0; start < ids.length; start += 200) {
        await db.insertInto('hosts').values(ids.slice(start, start + 200).map((id) => ({ ...template, id, machine_id: id, hostname: id, credential_hash: id }))).execute();
      }
      const group = (await admin.post<Group>('/api/v1/host-groups', { name: 'fleet' })).body.id;
      const added = await admin.post<Group>(`/api/v1/host-groups/${group}/members`, { hostIds: ids });
      expect(added.status).toBe(200);
      expect(added.body.hostIds).toHaveLength(1200);
      const again = await admin.post<Group>(`/api/v1/host-groups/${group}/members`, { hostIds: [...ids, hosts['db-1']!.id] });
      expect(again.body.hostIds).toHaveLength(1201);
      expect((await admin.get<{ total: number }>(`/api/v1/hosts?group=${group}&limit=1`)).body.total).toBe(1201);
      const audit = await admin.get<{ items: { action: string; targetId: string; details: { hostIds: string[] } }[] }>('/api/v1/audit?limit=10');
      expect(audit.body.items.find((entry) => entry.targetId === group && entry.action === 'host_group.members_added')?.details.hostIds).toEqual([hosts['db-1']!.id]);
      await admin.post(`/api/v1/host-groups/${group}/members/remove`, { hostIds: ids });
      expect((await admin.request('DELETE', `/api/v1/host-groups/${group}`)).status).toBe(200);
      await db.deleteFrom('hosts').where('id', 'like', 'fleet-%').execute();
    });

    it('ignores findings of the members of a group, also of a host added later, and keeps the group while the rule names it', async (context) => {
      if (!test) return context.skip();
      const group = (await admin.post<Group>('/api/v1/host-groups', { name: 'legacy', hostIds: [hosts['web-1']!.id] })).body.id;
      // A finding of curl on every host, as detection would leave it.
      const { db } = test.server.context.store;
      const at = new Date().toISOString();
      for (const { id } of Object.values(hosts)) {
        await db
          .insertInto('vulnerability_findings')
          .values({ id: randomUUID(), tenant_id: tenantId, host_id: id, advisory_id: 'DSA-5523-1', aliases: '["CVE-2023-38545"]', ecosystem: 'Debian:12', package: 'curl', location: '/var/lib/dpkg/status', installed_version: '7.88.1-10+deb12u3', fixed_version: '7.88.1-10+deb12u4', severity: 'high', score: null, cvss_vector: null, summary: null, reference_urls: '[]', status: 'open', ignore_id: null, first_seen: at, last_seen: at, fixed_at: null })
          .execute();
      }
      const statuses = async () => {
        const page = await admin.get<{ items: { hostname: string; status: string }[] }>('/api/v1/vulnerabilities?package=curl');
        return Object.fromEntries(page.body.items.map((finding) => [finding.hostname, finding.status]));
      };
      expect((await admin.post('/api/v1/vulnerabilities/ignores', { hostGroupId: randomUUID(), reason: 'probe' })).status).toBe(404);
      expect((await admin.post('/api/v1/vulnerabilities/ignores', { hostGroupId: group, hostId: hosts['web-1']!.id, reason: 'both' })).status).toBe(400);
      const rule = await admin.post<{ id: string; hostGroupId: string }>('/api/v1/vulnerabilities/ignores', { advisoryId: 'CVE-2023-38545', hostGroupId: group, reason: 'legacy hosts are firewalled' });
      expect(rule.status).toBe(201);
      expect(rule.body.hostGroupId).toBe(group);
      expect(await statuses()).toEqual({ 'web-1': 'ignored', 'web-2': 'open', 'db-1': 'open' });

      // Membership is read when the rule is applied: a host added later is covered, one removed is not.
      await admin.post(`/api/v1/host-groups/${group}/members`, { hostIds: [hosts['db-1']!.id] });
      expect(await statuses()).toEqual({ 'web-1': 'ignored', 'web-2': 'open', 'db-1': 'ignored' });
      await admin.post(`/api/v1/host-groups/${group}/members/remove`, { hostIds: [hosts['web-1']!.id] });
      expect(await statuses()).toEqual({ 'web-1': 'open', 'web-2': 'open', 'db-1': 'ignored' });

      const refused = await admin.request<{ error: { code: string; message: string; details: { rules: { kind: string; id: string }[] } } }>('DELETE', `/api/v1/host-groups/${group}`);
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toContain('legacy hosts are firewalled');
      expect(refused.body.error.details.rules).toEqual([{ kind: 'vulnerability_ignore', id: rule.body.id, name: 'legacy hosts are firewalled' }]);
      expect((await admin.get<{ items: unknown[] }>(`/api/v1/host-groups/${group}/rules`)).body.items).toHaveLength(1);
      await admin.request('DELETE', `/api/v1/vulnerabilities/ignores/${rule.body.id}`);
      expect((await admin.request('DELETE', `/api/v1/host-groups/${group}`)).status).toBe(200);
      expect(await statuses()).toEqual({ 'web-1': 'open', 'web-2': 'open', 'db-1': 'open' });
    });

    it('ignores a baseline check on the members of a group, in the results and for the events of later scans', async (context) => {
      if (!test) return context.skip();
      const group = (await admin.post<Group>('/api/v1/host-groups', { name: 'kiosks', hostIds: [hosts['web-1']!.id] })).body.id;
      let seq = 1000;
      /** A scan where the kiosk check fails on the host: an event unless an ignore rule covers it. */
      const scan = async (host: string) => {
        const time = new Date().toISOString();
        const results = [{ policyId: 'kiosk-policy', checkId: '1', title: 'USB storage is disabled', result: 'failed', reason: 'usb-storage loads', evidence: [], severity: 'high' }];
        expect((await hosts[host]!.agent.post('/api/v1/agent/events', { spoolId: `baseline-${host}`, events: [{ seq: ++seq, type: 'baseline.results', time, data: { policies: ['kiosk-policy'], results } }] })).status).toBe(200);
      };
      const ignored = async () => {
        const page = await admin.get<{ items: { hostname: string; ignored: boolean }[] }>('/api/v1/baselines/results?policyId=kiosk-policy&checkId=1');
        return Object.fromEntries(page.body.items.map((row) => [row.hostname, row.ignored]));
      };
      const eventHosts = async () => {
        const page = await admin.get<{ items: { hostId: string; title: string }[] }>('/api/v1/events?type=baseline.failed_check&limit=100');
        const byId = Object.fromEntries(Object.entries(hosts).map(([name, host]) => [host.id, name]));
        return page.body.items.filter((event) => event.title.includes('USB storage')).map((event) => byId[event.hostId]).sort();
      };
      expect((await admin.post('/api/v1/baselines/ignores', { policyId: 'kiosk-policy', checkId: '1', hostGroupId: randomUUID(), reason: 'probe' })).status).toBe(404);
      const rule = await admin.post<{ id: string; hostGroupId: string }>('/api/v1/baselines/ignores', { policyId: 'kiosk-policy', checkId: '1', hostGroupId: group, reason: 'kiosks need USB keyboards' });
      expect(rule.status).toBe(201);
      expect(rule.body.hostGroupId).toBe(group);
      await scan('web-1');
      await scan('web-2');
      expect(await ignored()).toEqual({ 'web-1': true, 'web-2': false });
      expect(await eventHosts()).toEqual(['web-2']);

      // web-2 joins the group: its stored result reads as ignored at once; db-1, outside, still raises.
      await admin.post(`/api/v1/host-groups/${group}/members`, { hostIds: [hosts['web-2']!.id, hosts['db-1']!.id] });
      await admin.post(`/api/v1/host-groups/${group}/members/remove`, { hostIds: [hosts['db-1']!.id] });
      expect(await ignored()).toEqual({ 'web-1': true, 'web-2': true });
      await scan('db-1');
      expect(await ignored()).toEqual({ 'web-1': true, 'web-2': true, 'db-1': false });
      expect(await eventHosts()).toEqual(['db-1', 'web-2']);
      const refused = await admin.request<{ error: { message: string } }>('DELETE', `/api/v1/host-groups/${group}`);
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toContain('baseline ignore rule "kiosk-policy/1"');
    });

    it('whitelists logins on the members of a group, also on a host added later, and not on other hosts', async (context) => {
      if (!test) return context.skip();
      const group = (await admin.post<Group>('/api/v1/host-groups', { name: 'jump hosts', hostIds: [hosts['web-1']!.id] })).body.id;
      expect((await admin.post('/api/v1/whitelists', { name: 'probe', source: '198.51.100.0/24', hostGroupIds: [randomUUID()] })).status).toBe(400);
      const rule = await admin.post<{ id: string; hostGroupIds: string[]; hostIds: string[] }>('/api/v1/whitelists', { name: 'scanner network', source: '198.51.100.0/24', hostGroupIds: [group] });
      expect(rule.status).toBe(201);
      expect(rule.body).toMatchObject({ hostIds: [], hostGroupIds: [group] });

      let seq = 0;
      /** Five failed root logins from `ip` on the host: a brute force unless whitelisted. */
      const attack = async (host: string, ip: string) => {
        const time = new Date().toISOString();
        const events = [1, 2, 3, 4, 5].map(() => ({ seq: ++seq, type: 'login.event', time, data: { type: 'failure', service: 'sshd', reason: 'wrong_password', user: 'root', sourceIp: ip, sourcePort: 40000 + seq, host: null, time, file: '/var/log/auth.log', line: seq } }));
        expect((await hosts[host]!.agent.post('/api/v1/agent/events', { spoolId: `spool-${host}`, events })).status).toBe(200);
      };
      const bruteForces = async () => {
        const page = await admin.get<{ items: { hostId: string; details: { sourceIp: string } }[] }>('/api/v1/events?type=brute_force');
        const byId = Object.fromEntries(Object.entries(hosts).map(([name, host]) => [host.id, name]));
        return page.body.items.map((event) => `${byId[event.hostId]} ${event.details.sourceIp}`).sort();
      };
      await attack('web-1', '198.51.100.7');
      await attack('db-1', '198.51.100.7');
      // The rule covers only its group's member; the same network outside it is still detected.
      expect(await bruteForces()).toEqual(['db-1 198.51.100.7']);

      await admin.post(`/api/v1/host-groups/${group}/members`, { hostIds: [hosts['db-1']!.id] });
      await attack('db-1', '198.51.100.8');
      await attack('web-2', '198.51.100.8');
      expect(await bruteForces()).toEqual(['db-1 198.51.100.7', 'web-2 198.51.100.8']);

      const refused = await admin.request<{ error: { message: string } }>('DELETE', `/api/v1/host-groups/${group}`);
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toContain('whitelist "scanner network"');
    });
  });
}
