// The store's contract, run on SQLite and on a real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, testDatabase } from '../../../test/support/stores.js';
import type { TestDatabase } from '../../../test/support/stores.js';
import type { HostIdentity } from '../../model/host.js';
import { ingestAgentEvents } from './agent-events.js';
import { openStore } from './database.js';
import type { Store } from './database.js';
import { createEnrollmentToken, findLiveEnrollmentToken, listEnrollmentTokens, revokeEnrollmentToken } from './enrollment-tokens.js';
import { enrollHost, findHostByCredential, getHost, listHosts } from './hosts.js';
import { completeOrder, createOrder, takePendingOrders } from './orders.js';
import { TenantScope } from './tenant-scope.js';
import { createTenant } from './tenants.js';
import { createUser, findUserByUsername, listUsers } from './users.js';

const identity: HostIdentity = {
  machineId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  hostname: 'web-01',
  ips: ['10.0.0.5', 'fe80::1'],
  osName: 'Debian GNU/Linux',
  osVersion: '12',
  kernel: '6.1.0-18-amd64',
  arch: 'x86_64',
  agentVersion: '0.1.0',
  components: ['inventory'],
};

for (const dialect of DIALECTS) {
  describe(`store on ${dialect}`, () => {
    let database: TestDatabase | null;
    let store: Store;
    let now = new Date('2026-11-27T08:00:00Z');
    const clock = () => now;

    beforeAll(async () => {
      database = await testDatabase(dialect);
      if (database) store = await openStore(database.url);
    });
    afterAll(async () => {
      await store?.close();
      await database?.drop();
    });

    it('migrates idempotently: opening an existing store again changes nothing', async (context) => {
      if (!database) return context.skip();
      const again = await openStore(database.url);
      await again.close();
      expect(store.dialect).toBe(dialect);
    });

    it('keeps tenants apart in every scoped accessor', async (context) => {
      if (!database) return context.skip();
      const a = await createTenant(store.db, 'acme', now);
      const b = await createTenant(store.db, 'globex', now);
      const scopeA = new TenantScope(store.db, a.id, clock);
      const scopeB = new TenantScope(store.db, b.id, clock);
      await createUser(scopeA, { username: 'alice', passwordHash: 'x', role: 'owner' });
      await createUser(scopeB, { username: 'bob', passwordHash: 'x', role: 'owner' });
      expect((await listUsers(scopeA)).map((u) => u.username)).toEqual(['alice']);
      expect((await listUsers(scopeB)).map((u) => u.username)).toEqual(['bob']);

      const token = await createEnrollmentToken(scopeA, { name: 'rack 1', createdBy: null });
      expect(await listEnrollmentTokens(scopeB)).toEqual([]);
      expect(await revokeEnrollmentToken(scopeB, token.id)).toBeNull();
      expect(await findLiveEnrollmentToken(store.db, token.token, now)).not.toBeNull();

      const { hostId } = await enrollHost(store.db, { tenantId: a.id, host: identity, enrollTokenId: token.id, now });
      expect(await getHost(scopeB, hostId, 90_000)).toBeNull();
      expect((await getHost(scopeA, hostId, 90_000))?.hostname).toBe('web-01');
      expect((await listHosts(scopeB, {}, { limit: 50, offset: 0 }, 90_000)).total).toBe(0);
      expect((await findUserByUsername(store.db, 'alice'))?.tenant_id).toBe(a.id);
    });

    it('derives host status from heartbeats and filters on it', async (context) => {
      if (!database) return context.skip();
      const tenant = await createTenant(store.db, 'initech', now);
      const scope = new TenantScope(store.db, tenant.id, clock);
      const token = await createEnrollmentToken(scope, { name: 't', createdBy: null });
      const { hostId, credential } = await enrollHost(store.db, { tenantId: tenant.id, host: { ...identity, machineId: 'm-2' }, enrollTokenId: token.id, now });
      expect((await findHostByCredential(store.db, credential))?.id).toBe(hostId);
      expect((await getHost(scope, hostId, 90_000))?.status).toBe('online');
      now = new Date(now.getTime() + 91_000);
      expect((await getHost(scope, hostId, 90_000))?.status).toBe('offline');
      expect((await listHosts(scope, { status: 'offline' }, { limit: 50, offset: 0 }, 90_000)).total).toBe(1);
      expect((await listHosts(scope, { status: 'online' }, { limit: 50, offset: 0 }, 90_000)).total).toBe(0);
      expect((await listHosts(scope, { q: 'web-' }, { limit: 50, offset: 0 }, 90_000)).total).toBe(1);
      expect((await listHosts(scope, { q: 'nomatch' }, { limit: 50, offset: 0 }, 90_000)).total).toBe(0);
      // % and _ in a search are the characters themselves, not wildcards, on both databases.
      await enrollHost(store.db, { tenantId: tenant.id, host: { ...identity, machineId: 'm-2b', hostname: 'db_7%' }, enrollTokenId: token.id, now });
      expect((await listHosts(scope, { q: 'db_7%' }, { limit: 50, offset: 0 }, 90_000)).items.map((h) => h.hostname)).toEqual(['db_7%']);
      expect((await listHosts(scope, { q: 'web_01' }, { limit: 50, offset: 0 }, 90_000)).total).toBe(0);
      expect((await listHosts(scope, { q: 'w%1' }, { limit: 50, offset: 0 }, 90_000)).total).toBe(0);

      // Enrolling the same machine again keeps the host and replaces its credential.
      const again = await enrollHost(store.db, { tenantId: tenant.id, host: { ...identity, machineId: 'm-2' }, enrollTokenId: token.id, now });
      expect(again.hostId).toBe(hostId);
      expect(await findHostByCredential(store.db, credential)).toBeNull();
    });

    it('ingests agent events exactly once per (host, spool, seq)', async (context) => {
      if (!database) return context.skip();
      const tenant = await createTenant(store.db, 'umbrella', now);
      const scope = new TenantScope(store.db, tenant.id, clock);
      const token = await createEnrollmentToken(scope, { name: 't', createdBy: null });
      const { hostId } = await enrollHost(store.db, { tenantId: tenant.id, host: { ...identity, machineId: 'm-3' }, enrollTokenId: token.id, now });
      const host = { id: hostId, tenant_id: tenant.id };
      const events = Array.from({ length: 1200 }, (_, i) => ({ seq: i + 1, type: 'test.event', time: now.toISOString(), data: { i } }));
      const first = await ingestAgentEvents(store.db, host, { spoolId: 'spool-aaaa', events }, now);
      expect(first).toMatchObject({ inserted: 1200, duplicates: 0 });
      const replay = await ingestAgentEvents(store.db, host, { spoolId: 'spool-aaaa', events: events.slice(1000) }, now);
      expect(replay).toMatchObject({ inserted: 0, duplicates: 200 });
      expect(replay.acked).toHaveLength(200);
      const otherSpool = await ingestAgentEvents(store.db, host, { spoolId: 'spool-bbbb', events: events.slice(0, 10) }, now);
      expect(otherSpool.inserted).toBe(10);
      const count = await store.db.selectFrom('agent_events').select((eb) => eb.fn.countAll<number>().as('n')).where('host_id', '=', hostId).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(1210);
    });

    it('hands out orders once and records their result', async (context) => {
      if (!database) return context.skip();
      const tenant = await createTenant(store.db, 'hooli', now);
      const scope = new TenantScope(store.db, tenant.id, clock);
      const token = await createEnrollmentToken(scope, { name: 't', createdBy: null });
      const { hostId } = await enrollHost(store.db, { tenantId: tenant.id, host: { ...identity, machineId: 'm-4' }, enrollTokenId: token.id, now });
      const order = await createOrder(scope, { hostId, kind: 'resync', payload: {}, createdBy: null });
      const taken = await takePendingOrders(store.db, hostId, now);
      expect(taken.map((o) => o.id)).toEqual([order.id]);
      expect(await takePendingOrders(store.db, hostId, now)).toEqual([]);
      expect(await completeOrder(store.db, hostId, order.id, true, { sent: 3 }, now)).toBe(true);
      expect(await completeOrder(store.db, 'other-host', order.id, true, {}, now)).toBe(false);
    });
  });
}
