// The schedule job on both databases with a clock the test sets: orders go out when a schedule is
// due and not a minute before, to the hosts it names, once per run even with two servers racing,
// and not again to a host whose previous order from the schedule is still waiting.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, testDatabase } from '../../../test/support/stores.js';
import type { TestDatabase } from '../../../test/support/stores.js';
import { MemoryBus } from '../bus/memory-bus.js';
import { setPolicyTrust } from '../store/baseline-policy-trust.js';
import { createSchedule, getSchedule, hostIsScheduled, updateSchedule } from '../store/baseline-schedules.js';
import { openStore } from '../store/database.js';
import type { Store } from '../store/database.js';
import { TenantScope } from '../store/tenant-scope.js';
import { createTenant } from '../store/tenants.js';
import { runDueSchedules } from './baseline-schedules.js';

const created = new Date('2026-11-27T10:00:00.000Z');
const hours = (n: number) => new Date(created.getTime() + n * 3600_000);

for (const dialect of DIALECTS) {
  describe(`baseline schedule job on ${dialect}`, () => {
    let database: TestDatabase | null;
    let store: Store;
    let scope: TenantScope;
    let otherScope: TenantScope;
    let now = created;
    const bus = new MemoryBus();
    const published: string[] = [];
    const deps = () => ({ db: store.db, bus, log: pino({ level: 'silent' }) });
    const addHost = async (id: string, tenantId: string, uninstalled = false) =>
      store.db
        .insertInto('hosts')
        .values({ id, tenant_id: tenantId, machine_id: id, hostname: id, ips: '[]', os_name: '', os_version: '', kernel: '', arch: '', agent_version: '', components: '[]', protection_plan: '', credential_hash: `c-${id}`, enrolled_with: null, installed_at: '', last_seen_at: '', uninstalled_at: uninstalled ? created.toISOString() : null })
        .execute();
    const orders = async () =>
      (await store.db.selectFrom('orders').select(['host_id', 'kind', 'payload', 'status', 'tenant_id']).orderBy('created_at').orderBy('host_id').execute()).map((row) => ({ ...row, payload: JSON.parse(row.payload) as Record<string, unknown> }));

    beforeAll(async () => {
      database = await testDatabase(dialect);
      if (!database) return;
      store = await openStore(database.url);
      const tenant = await createTenant(store.db, 'acme', created);
      const other = await createTenant(store.db, 'other', created);
      scope = new TenantScope(store.db, tenant.id, () => now);
      otherScope = new TenantScope(store.db, other.id, () => now);
      for (const id of ['web-1', 'web-2']) await addHost(id, tenant.id);
      await addHost('retired', tenant.id, true);
      await addHost('elsewhere', other.id);
      bus.subscribe('orders.web-1', () => published.push('web-1'));
      bus.subscribe('orders.web-2', () => published.push('web-2'));
    });
    afterAll(async () => {
      await store?.close();
      await database?.drop();
    });

    it('issues nothing before an interval schedule is due, then one order per live host of the tenant', async (context) => {
      if (!database) return context.skip();
      await setPolicyTrust(scope, 'cis_debian12', true, 'admin');
      await setPolicyTrust(scope, 'revoked_policy', false, 'admin');
      const schedule = await createSchedule(scope, { name: 'six-hourly ssh', policies: ['palisade_ssh_server', 'cis_debian12'], hostIds: null, intervalHours: 6, dailyAt: null, enabled: true }, 'admin');
      expect(schedule.nextRunAt).toBe(hours(6).toISOString());
      // A schedule of some policies adds runs: the hosts' own daily run of every policy goes on.
      expect(await hostIsScheduled(store.db, { id: 'web-2', tenant_id: scope.tenantId })).toBe(false);

      expect(await runDueSchedules(deps(), hours(5.99))).toEqual({ schedules: 0, orders: 0 });
      expect(await orders()).toEqual([]);

      // Two servers reach the due run at once: one of them issues it.
      const [first, second] = await Promise.all([runDueSchedules(deps(), hours(6)), runDueSchedules(deps(), hours(6))]);
      expect(first.orders + second.orders).toBe(2);
      const payload = { policies: ['palisade_ssh_server', 'cis_debian12'], trustedPolicies: ['cis_debian12'], scheduleId: schedule.id };
      expect(await orders()).toEqual([
        { host_id: 'web-1', kind: 'baseline_scan', payload, status: 'pending', tenant_id: scope.tenantId },
        { host_id: 'web-2', kind: 'baseline_scan', payload, status: 'pending', tenant_id: scope.tenantId },
      ]);
      expect(published.sort()).toEqual(['web-1', 'web-2']);
      expect(await getSchedule(scope, schedule.id)).toMatchObject({ lastRunAt: hours(6).toISOString(), nextRunAt: hours(12).toISOString() });
      expect(await runDueSchedules(deps(), hours(11.9))).toEqual({ schedules: 0, orders: 0 });

      // web-1 fetched its order, web-2 is away: only web-1 gets the next one.
      await store.db.updateTable('orders').set({ status: 'delivered' }).where('host_id', '=', 'web-1').execute();
      expect(await runDueSchedules(deps(), hours(12))).toEqual({ schedules: 1, orders: 1 });
      expect((await orders()).map((order) => `${order.host_id} ${order.status}`)).toEqual(['web-1 delivered', 'web-2 pending', 'web-1 pending']);
      await updateSchedule(scope, schedule.id, { enabled: false });
      expect(await runDueSchedules(deps(), hours(100))).toEqual({ schedules: 0, orders: 0 });
    });

    it('runs a daily schedule at its time, on the hosts it names only', async (context) => {
      if (!database) return context.skip();
      await store.db.deleteFrom('orders').execute();
      now = created;
      const schedule = await createSchedule(scope, { name: 'nightly web-2', policies: null, hostIds: ['web-2', 'retired'], intervalHours: null, dailyAt: '03:15', enabled: true }, 'admin');
      expect(schedule.nextRunAt).toBe('2026-11-28T03:15:00.000Z');
      // Every policy on web-2: its own daily run stops; web-1 and the other tenant's host keep theirs.
      expect(await hostIsScheduled(store.db, { id: 'web-2', tenant_id: scope.tenantId })).toBe(true);
      expect(await hostIsScheduled(store.db, { id: 'web-1', tenant_id: scope.tenantId })).toBe(false);
      expect(await hostIsScheduled(store.db, { id: 'elsewhere', tenant_id: otherScope.tenantId })).toBe(false);
      expect(await runDueSchedules(deps(), new Date('2026-11-28T03:14:59.000Z'))).toEqual({ schedules: 0, orders: 0 });
      expect(await runDueSchedules(deps(), new Date('2026-11-28T03:15:00.000Z'))).toEqual({ schedules: 1, orders: 1 });
      expect(await orders()).toEqual([{ host_id: 'web-2', kind: 'baseline_scan', payload: { policies: null, trustedPolicies: ['cis_debian12'], scheduleId: schedule.id }, status: 'pending', tenant_id: scope.tenantId }]);
      expect(await getSchedule(scope, schedule.id)).toMatchObject({ nextRunAt: '2026-11-29T03:15:00.000Z' });
      // A server down for two days runs it once when it is back, not once per missed night.
      await store.db.updateTable('orders').set({ status: 'done' }).execute();
      expect(await runDueSchedules(deps(), new Date('2026-12-01T09:00:00.000Z'))).toEqual({ schedules: 1, orders: 1 });
      expect(await getSchedule(scope, schedule.id)).toMatchObject({ nextRunAt: '2026-12-02T03:15:00.000Z' });
      // Another tenant's scope does not see it.
      expect(await getSchedule(otherScope, schedule.id)).toBeNull();
    });
  });
}
