// Login ingestion on SQLite and PostgreSQL: attempts go through the real ingestion path, and the
// detections over the tenant's window become events: one brute-force event whose count grows, a
// critical cracked password, a distributed attack seen across two hosts, and nothing for a
// whitelisted source or for another tenant's attempts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, testDatabase } from '../../../test/support/stores.js';
import type { TestDatabase } from '../../../test/support/stores.js';
import { LOGIN_EVENT } from '../../model/agent-event-types.js';
import type { HostIdentity } from '../../model/host.js';
import type { LoginEvent } from '../../model/login.js';
import { ingestAgentEvents } from '../store/agent-events.js';
import { openStore } from '../store/database.js';
import type { Store } from '../store/database.js';
import { createEnrollmentToken } from '../store/enrollment-tokens.js';
import { listEvents } from '../store/events.js';
import { enrollHost } from '../store/hosts.js';
import { TenantScope } from '../store/tenant-scope.js';
import { createTenant } from '../store/tenants.js';
import { applyWhitelist, createWhitelist } from '../store/whitelists.js';

const base = Date.parse('2026-11-27T08:00:00Z');
const at = (seconds: number) => new Date(base + seconds * 1000).toISOString();

function attempt(type: 'success' | 'failure', sourceIp: string, user: string, seconds: number, line: number): LoginEvent {
  return { type, service: 'sshd', reason: type === 'success' ? 'password' : 'wrong_password', user, sourceIp, sourcePort: 40000 + line, host: 'web', time: at(seconds), file: '/var/log/auth.log', line };
}

function identity(machineId: string): HostIdentity {
  return { machineId, hostname: machineId, ips: [], osName: 'Debian GNU/Linux', osVersion: '12', kernel: '6.1', arch: 'x86_64', agentVersion: '0.1.0', components: [] };
}

for (const dialect of DIALECTS) {
  describe(`login ingestion on ${dialect}`, () => {
    let database: TestDatabase | null;
    let store: Store;
    const now = new Date(base + 3600_000);
    let scope: TenantScope;
    let otherScope: TenantScope;
    const hosts: { id: string; tenant_id: string }[] = [];
    let other: { id: string; tenant_id: string };
    const seqs = new Map<string, number>();

    async function send(host: { id: string; tenant_id: string }, events: readonly LoginEvent[]): Promise<void> {
      const start = seqs.get(host.id) ?? 0;
      seqs.set(host.id, start + events.length);
      await ingestAgentEvents(store.db, host, { spoolId: `spool-${host.id}`, events: events.map((data, i) => ({ seq: start + i + 1, type: LOGIN_EVENT, time: data.time ?? now.toISOString(), data })) }, now);
    }

    beforeAll(async () => {
      database = await testDatabase(dialect);
      if (!database) return;
      store = await openStore(database.url);
      for (const name of ['acme', 'globex']) {
        const tenant = await createTenant(store.db, name, now);
        const token = await createEnrollmentToken(new TenantScope(store.db, tenant.id, () => now), { name: 't', createdBy: null });
        for (const machine of name === 'acme' ? ['web-1', 'web-2'] : ['other']) {
          const { hostId } = await enrollHost(store.db, { tenantId: tenant.id, host: identity(machine), enrollTokenId: token.id, now });
          if (name === 'acme') hosts.push({ id: hostId, tenant_id: tenant.id });
          else other = { id: hostId, tenant_id: tenant.id };
        }
        if (name === 'acme') scope = new TenantScope(store.db, tenant.id, () => now);
        else otherScope = new TenantScope(store.db, tenant.id, () => now);
      }
    });
    afterAll(async () => {
      await store?.close();
      await database?.drop();
    });

    it('raises one brute-force event whose count grows, then a critical cracked password', async (context) => {
      if (!database) return context.skip();
      const web1 = hosts[0]!;
      await send(web1, [1, 2, 3, 4].map((s) => attempt('failure', '203.0.113.9', 'root', s * 5, s)));
      expect((await listEvents(scope, { type: 'brute_force' }, { limit: 10, offset: 0 })).total).toBe(0);
      await send(web1, [attempt('failure', '203.0.113.9', 'root', 25, 5)]);
      const first = await listEvents(scope, { type: 'brute_force' }, { limit: 10, offset: 0 });
      expect(first.items).toHaveLength(1);
      expect(first.items[0]).toMatchObject({ hostId: web1.id, severity: 'high', status: 'pending', count: 1, title: 'Brute force from 203.0.113.9', details: { sourceIp: '203.0.113.9', user: 'root', attempts: 5 } });
      await send(web1, [6, 7, 8].map((s) => attempt('failure', '203.0.113.9', 'root', s * 5, s)));
      const grown = await listEvents(scope, { type: 'brute_force' }, { limit: 10, offset: 0 });
      expect(grown.items).toHaveLength(1);
      expect(grown.items[0]).toMatchObject({ count: 4, details: { attempts: 8 } });
      await send(web1, [attempt('success', '203.0.113.9', 'root', 45, 9)]);
      const cracked = await listEvents(scope, { type: 'password_cracked' }, { limit: 10, offset: 0 });
      expect(cracked.items).toHaveLength(1);
      expect(cracked.items[0]).toMatchObject({ severity: 'critical', details: { sourceIp: '203.0.113.9', user: 'root', line: 9 } });
      // The other tenant sees none of it.
      expect((await listEvents(otherScope, {}, { limit: 10, offset: 0 })).total).toBe(0);
    });

    it('sees one source guessing across two hosts of the tenant, and not across tenants', async (context) => {
      if (!database) return context.skip();
      const [web1, web2] = [hosts[0]!, hosts[1]!];
      await send(web1, [1, 2, 3].map((s) => attempt('failure', '198.51.100.20', 'admin', 100 + s, 100 + s)));
      await send(other, [attempt('failure', '198.51.100.20', 'admin', 104, 1)]);
      expect((await listEvents(scope, { type: 'brute_force', q: '198.51.100.20' }, { limit: 10, offset: 0 })).total).toBe(0);
      await send(web2, [1, 2].map((s) => attempt('failure', '198.51.100.20', 'admin', 105 + s, s)));
      const found = await listEvents(scope, { type: 'brute_force', q: '198.51.100.20' }, { limit: 10, offset: 0 });
      expect(found.items).toHaveLength(1);
      expect(found.items[0]?.hostId).toBe(web2.id);
      expect(found.items[0]?.details.hostIds).toEqual([web1.id, web2.id].sort());
      expect((await listEvents(otherScope, {}, { limit: 10, offset: 0 })).total).toBe(0);
    });

    it('raises nothing for a whitelisted network, nor counts its attempts', async (context) => {
      if (!database) return context.skip();
      const web1 = hosts[0]!;
      await createWhitelist(scope, { name: 'office', source: '192.0.2.0/24', user: null, hostIds: [], hours: null, expiresAt: null }, 'alice');
      await send(web1, [1, 2, 3, 4, 5, 6].map((s) => attempt('failure', '192.0.2.77', 'deploy', 200 + s, 200 + s)));
      await send(web1, [attempt('success', '192.0.2.77', 'deploy', 210, 210)]);
      const events = await listEvents(scope, { q: '192.0.2.77' }, { limit: 10, offset: 0 });
      expect(events.total).toBe(0);
    });

    it('applies a rule to past pending login events of its hosts only', async (context) => {
      if (!database) return context.skip();
      const [web1, web2] = [hosts[0]!, hosts[1]!];
      const onlyWeb1 = await createWhitelist(scope, { name: 'scanner', source: '198.51.100.0/24', user: null, hostIds: [web1.id], hours: null, expiresAt: null }, 'alice');
      expect(await applyWhitelist(scope, onlyWeb1, 'alice')).toEqual([]);
      const everywhere = await createWhitelist(scope, { name: 'scanner everywhere', source: '198.51.100.20', user: null, hostIds: [], hours: null, expiresAt: null }, 'alice');
      const updated = await applyWhitelist(scope, everywhere, 'alice');
      const found = await listEvents(scope, { q: '198.51.100.20' }, { limit: 10, offset: 0 });
      expect(found.items.map((e) => [e.id, e.hostId, e.status, e.statusChangedBy])).toEqual([[updated[0], web2.id, 'whitelisted', 'alice']]);
      // The other tenant's rule-free events are untouched, and its scope sees no rule of ours.
      expect(await applyWhitelist(otherScope, everywhere, 'mallory')).toEqual([]);
      expect((await listEvents(scope, { status: 'pending', type: 'brute_force', q: '203.0.113.9' }, { limit: 10, offset: 0 })).total).toBe(1);
    });

    it('skips a malformed login event and keeps ingesting', async (context) => {
      if (!database) return context.skip();
      const web1 = hosts[0]!;
      const bad = { ...attempt('failure', '203.0.113.50', 'x', 300, 300), type: 'maybe' } as unknown as LoginEvent;
      await send(web1, [bad, ...[1, 2, 3, 4, 5].map((s) => attempt('failure', '203.0.113.50', 'x', 300 + s, 300 + s))]);
      expect((await listEvents(scope, { type: 'brute_force', q: '203.0.113.50' }, { limit: 10, offset: 0 })).items[0]?.details.attempts).toBe(5);
    });
  });
}
