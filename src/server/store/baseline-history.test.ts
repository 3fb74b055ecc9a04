// Baseline history, pass rates, partial runs and command trust on both databases: a check's
// results are kept as intervals (one row while its result holds, a new one when it changes), the
// daily trend equals what every scan's rows gave, a schedule's partial run leaves other policies'
// results alone, pass rates come per host and per policy, and history past the kept window is
// pruned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRuns, scanRows, trendFromScans } from '../../../test/support/baseline-runs.js';
import { DIALECTS, testDatabase } from '../../../test/support/stores.js';
import type { TestDatabase } from '../../../test/support/stores.js';
import type { BaselineResultsPayload } from '../../model/baseline-api.js';
import { checkTrend, HISTORY_KEPT_DAYS, listCheckHistory } from './baseline-check-history.js';
import { summarizeBaselineHosts } from './baseline-host-rates.js';
import { listPolicyTrust, setPolicyTrust, trustedPolicyIds } from './baseline-policy-trust.js';
import { applyBaselineRun, listBaselineResults, summarizeBaselinePolicies } from './baseline-results.js';
import { openStore } from './database.js';
import type { Store } from './database.js';
import { TenantScope } from './tenant-scope.js';
import { createTenant } from './tenants.js';

const check = (policyId: string, checkId: string, result: string) => ({ policyId, checkId, title: `${policyId} ${checkId}`, result, reason: result, evidence: [], severity: 'low' }) as BaselineResultsPayload['results'][number];
/** Days on which some host scanned twice (03:00 and 15:00). */
const twiceScannedDays = (runs: readonly { hostId: string; at: string }[]) =>
  new Set(runs.filter((one) => one.at.endsWith('T15:00:00.000Z') && runs.some((other) => other.hostId === one.hostId && other.at === one.at.replace('T15', 'T03'))).map((one) => one.at.slice(0, 10)));
const run = (results: BaselineResultsPayload['results'], partial = false): BaselineResultsPayload => ({ policies: [...new Set(results.map((row) => row.policyId))], partial, results, warnings: [] });

for (const dialect of DIALECTS) {
  describe(`baseline history and trust on ${dialect}`, () => {
    let database: TestDatabase | null;
    let store: Store;
    let scope: TenantScope;
    let otherScope: TenantScope;
    const now = new Date('2026-11-27T12:00:00.000Z');
    const hostA = { id: 'host-a', tenant_id: '' };
    const hostB = { id: 'host-b', tenant_id: '' };

    beforeAll(async () => {
      database = await testDatabase(dialect);
      if (!database) return;
      store = await openStore(database.url);
      const tenant = await createTenant(store.db, 'acme', now);
      const other = await createTenant(store.db, 'other', now);
      scope = new TenantScope(store.db, tenant.id, () => now);
      otherScope = new TenantScope(store.db, other.id, () => now);
      for (const host of [hostA, hostB]) {
        host.tenant_id = tenant.id;
        await addHost(host);
      }
    });
    const addHost = async (host: { id: string; tenant_id: string }) => {
      await store.db
        .insertInto('hosts')
        .values({ id: host.id, tenant_id: host.tenant_id, machine_id: host.id, hostname: host.id, ips: '[]', os_name: '', os_version: '', kernel: '', arch: '', agent_version: '', components: '[]', protection_plan: '', credential_hash: `c-${host.id}`, enrolled_with: null, installed_at: '', last_seen_at: '', uninstalled_at: null })
        .execute();
    };
    const countRows = async (table: 'baseline_check_states' | 'baseline_daily_results', tenantId: string) =>
      Number((await store.db.selectFrom(table).where('tenant_id', '=', tenantId).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    afterAll(async () => {
      await store?.close();
      await database?.drop();
    });

    it("keeps each check's result intervals, latest first, and a daily trend", async (context) => {
      if (!database) return context.skip();
      await applyBaselineRun(store.db, hostA, run([check('ssh', '1', 'failed'), check('ssh', '2', 'passed'), check('kernel', '1', 'passed')]), '2026-11-25T03:00:00.000Z', '2026-11-25T03:00:01.000Z');
      await applyBaselineRun(store.db, hostA, run([check('ssh', '1', 'passed'), check('ssh', '2', 'passed'), check('kernel', '1', 'not_applicable')]), '2026-11-26T03:00:00.000Z', '2026-11-26T03:00:01.000Z');
      await applyBaselineRun(store.db, hostB, run([check('ssh', '1', 'failed'), check('ssh', '2', 'failed'), check('kernel', '1', 'passed')]), '2026-11-26T04:00:00.000Z', '2026-11-26T04:00:01.000Z');
      const history = await listCheckHistory(scope, { policyId: 'ssh', checkId: '1' }, { limit: 10, offset: 0 });
      expect(history.total).toBe(3);
      expect(history.items.map((row) => [row.hostname, row.firstSeenAt, row.lastSeenAt, row.scans, row.result])).toEqual([
        ['host-b', '2026-11-26T04:00:00.000Z', '2026-11-26T04:00:00.000Z', 1, 'failed'],
        ['host-a', '2026-11-26T03:00:00.000Z', '2026-11-26T03:00:00.000Z', 1, 'passed'],
        ['host-a', '2026-11-25T03:00:00.000Z', '2026-11-25T03:00:00.000Z', 1, 'failed'],
      ]);
      // ssh/2 passed in both of host-a's scans: one interval confirmed twice.
      expect((await listCheckHistory(scope, { policyId: 'ssh', checkId: '2', hostId: 'host-a' }, { limit: 10, offset: 0 })).items.map((row) => [row.firstSeenAt, row.lastSeenAt, row.scans])).toEqual([
        ['2026-11-25T03:00:00.000Z', '2026-11-26T03:00:00.000Z', 2],
      ]);
      expect((await listCheckHistory(scope, { policyId: 'ssh', checkId: '1', hostId: 'host-a' }, { limit: 1, offset: 1 })).items.map((row) => row.result)).toEqual(['failed']);
      expect(await checkTrend(scope, { policyId: 'ssh', checkId: '1' }, 30)).toEqual([
        { day: '2026-11-25', passed: 0, failed: 1, notApplicable: 0, error: 0, passRate: 0 },
        { day: '2026-11-26', passed: 1, failed: 1, notApplicable: 0, error: 0, passRate: 0.5 },
      ]);
      expect(await checkTrend(scope, { policyId: 'ssh' }, 1)).toEqual([{ day: '2026-11-26', passed: 2, failed: 2, notApplicable: 0, error: 0, passRate: 0.5 }]);
      expect((await listCheckHistory(otherScope, {}, { limit: 10, offset: 0 })).total).toBe(0);
    });

    it('gives the pass rate per host (worst first) and per policy on one host', async (context) => {
      if (!database) return context.skip();
      const hosts = await summarizeBaselineHosts(scope, {}, { limit: 10, offset: 0 });
      expect(hosts.items.map((row) => [row.hostname, row.passed, row.failed, row.notApplicable, row.affected, row.passRate])).toEqual([
        ['host-b', 1, 2, 0, 2, 1 / 3],
        ['host-a', 2, 0, 1, 0, 1],
      ]);
      expect((await summarizeBaselineHosts(scope, { policyId: 'kernel' }, { limit: 10, offset: 0 })).items.map((row) => [row.hostname, row.passRate])).toEqual([
        ['host-b', 1],
        ['host-a', null],
      ]);
      expect((await summarizeBaselinePolicies(scope, { hostId: 'host-b' })).map((row) => [row.policyId, row.passRate])).toEqual([
        ['kernel', 1],
        ['ssh', 0],
      ]);
      expect((await summarizeBaselineHosts(otherScope, {}, { limit: 10, offset: 0 })).total).toBe(0);
    });

    it("keeps other policies' results through a partial run, and drops a full run's missing checks", async (context) => {
      if (!database) return context.skip();
      await applyBaselineRun(store.db, hostA, run([check('ssh', '1', 'failed')], true), '2026-11-27T03:00:00.000Z', '2026-11-27T03:00:01.000Z');
      const keys = async () => (await listBaselineResults(scope, { hostId: 'host-a' }, { limit: 50, offset: 0 })).items.map((row) => `${row.policyId}/${row.checkId} ${row.result}`).sort();
      // ssh/2 was in the policy the partial run evaluated and is no longer there: gone; kernel stays.
      expect(await keys()).toEqual(['kernel/1 not_applicable', 'ssh/1 failed']);
      await applyBaselineRun(store.db, hostA, run([check('ssh', '1', 'passed')]), '2026-11-27T04:00:00.000Z', '2026-11-27T04:00:01.000Z');
      expect(await keys()).toEqual(['ssh/1 passed']);
    });

    it(`prunes a host's history older than ${HISTORY_KEPT_DAYS} days as its runs come in`, async (context) => {
      if (!database) return context.skip();
      await applyBaselineRun(store.db, hostB, run([check('ssh', '1', 'passed')]), '2028-01-05T04:00:00.000Z', '2028-01-05T04:00:01.000Z');
      const history = await listCheckHistory(scope, { hostId: 'host-b' }, { limit: 50, offset: 0 });
      // 2026-11-26 is more than 400 days before 2028-01-05: only the new scan is left.
      expect(history.items.map((row) => row.firstSeenAt)).toEqual(['2028-01-05T04:00:00.000Z']);
      expect(await checkTrend(new TenantScope(store.db, scope.tenantId, () => new Date('2028-01-05T12:00:00.000Z')), { hostId: 'host-b' }, HISTORY_KEPT_DAYS)).toEqual([
        { day: '2028-01-05', passed: 1, failed: 0, notApplicable: 0, error: 0, passRate: 1 },
      ]);
      // Another host's rows are its own runs' business: host-a keeps its seven intervals (ssh/1
      // failed, passed, failed, passed; ssh/2 passed twice; kernel/1 passed, then not applicable).
      expect((await listCheckHistory(scope, { hostId: 'host-a' }, { limit: 50, offset: 0 })).total).toBe(7);
    });

    it('trusts nothing until told, and records who changed trust', async (context) => {
      if (!database) return context.skip();
      expect(await trustedPolicyIds(store.db, scope.tenantId)).toEqual([]);
      await setPolicyTrust(scope, 'cis_debian12', true, 'alice');
      await setPolicyTrust(scope, 'ssh', true, 'alice');
      await setPolicyTrust(scope, 'ssh', false, 'bob');
      expect(await trustedPolicyIds(store.db, scope.tenantId)).toEqual(['cis_debian12']);
      expect((await listPolicyTrust(scope)).map((row) => [row.policyId, row.trusted, row.changedBy])).toEqual([
        ['cis_debian12', true, 'alice'],
        ['ssh', false, 'bob'],
      ]);
      expect(await trustedPolicyIds(store.db, otherScope.tenantId)).toEqual([]);
      expect(await listPolicyTrust(otherScope)).toEqual([]);
    });

    it('keeps a check failing across 90 scans as one row, and starts a new row at each change', async (context) => {
      if (!database) return context.skip();
      const tenant = await createTenant(store.db, 'steady', now);
      const steady = new TenantScope(store.db, tenant.id, () => now);
      const host = { id: 'host-steady', tenant_id: tenant.id };
      await addHost(host);
      const day = (n: number) => new Date(Date.parse('2026-08-01T03:00:00.000Z') + n * 86_400_000).toISOString();
      for (let n = 0; n < 90; n++) await applyBaselineRun(store.db, host, run([check('ssh', '1', 'failed'), check('ssh', '2', 'passed')]), day(n), day(n));
      const intervals = async () => (await listCheckHistory(steady, { policyId: 'ssh', checkId: '1' }, { limit: 50, offset: 0 })).items.map((row) => [row.result, row.firstSeenAt, row.lastSeenAt, row.scans]);
      expect(await intervals()).toEqual([['failed', day(0), day(89), 90]]);
      expect(await countRows('baseline_check_states', tenant.id)).toBe(2);
      await applyBaselineRun(store.db, host, run([check('ssh', '1', 'passed'), check('ssh', '2', 'passed')]), day(90), day(90));
      await applyBaselineRun(store.db, host, run([check('ssh', '1', 'failed'), check('ssh', '2', 'passed')]), day(91), day(91));
      expect(await intervals()).toEqual([
        ['failed', day(91), day(91), 1],
        ['passed', day(90), day(90), 1],
        ['failed', day(0), day(89), 90],
      ]);
      // The same run delivered twice confirms nothing new.
      await applyBaselineRun(store.db, host, run([check('ssh', '1', 'failed'), check('ssh', '2', 'passed')]), day(91), day(91));
      expect((await intervals())[0]).toEqual(['failed', day(91), day(91), 1]);
      // A full run without ssh/2 ends its interval: when it is back, it is a new one.
      await applyBaselineRun(store.db, host, run([check('ssh', '1', 'failed')]), day(92), day(92));
      await applyBaselineRun(store.db, host, run([check('ssh', '1', 'failed'), check('ssh', '2', 'passed')]), day(93), day(93));
      expect((await listCheckHistory(steady, { checkId: '2' }, { limit: 50, offset: 0 })).items.map((row) => [row.firstSeenAt, row.lastSeenAt, row.scans])).toEqual([
        [day(93), day(93), 1],
        [day(0), day(91), 92],
      ]);
      expect(await countRows('baseline_check_states', tenant.id)).toBe(5);
      // One day row per host and policy, not per scan.
      expect(await countRows('baseline_daily_results', tenant.id)).toBe(94);
    });

    it("gives the same daily trend as every scan's rows did, for the fleet, a policy, a check and a host", async (context) => {
      if (!database) return context.skip();
      const tenant = await createTenant(store.db, 'trend', now);
      const trendScope = new TenantScope(store.db, tenant.id, () => now);
      const hostIds = ['trend-1', 'trend-2', 'trend-3'];
      for (const id of hostIds) await addHost({ id, tenant_id: tenant.id });
      const runs = generateRuns(hostIds, '2026-10-20', 35);
      for (const generated of runs) await applyBaselineRun(store.db, { id: generated.hostId, tenant_id: tenant.id }, generated.payload, generated.at, generated.at);
      const rows = scanRows(runs);
      const filters = [{}, { policyId: 'p' }, { policyId: 'q', checkId: '2' }, { policyId: 'p', checkId: '1', hostId: 'trend-2' }, { hostId: 'trend-3' }, { checkId: '1' }];
      const twice = twiceScannedDays(runs);
      expect(twice.size).toBeGreaterThan(0);
      for (const filter of filters) {
        const expected = trendFromScans(rows, filter);
        expect(await checkTrend(trendScope, filter, 30), JSON.stringify(filter)).toEqual(expected.filter((day) => day.day >= '2026-10-28'));
        // Where no host scanned twice that day, the last scan of the day is every scan of it.
        const everyScan = trendFromScans(rows, filter, true).filter((day) => !twice.has(day.day));
        expect(expected.filter((day) => !twice.has(day.day))).toEqual(everyScan);
      }
    });
  });
}
