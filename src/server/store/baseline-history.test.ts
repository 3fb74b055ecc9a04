// Baseline history, pass rates, partial runs and command trust on both databases: every scan's
// result is kept per check with its time, a schedule's partial run leaves other policies' results
// alone, pass rates come per host and per policy, and history past the kept window is pruned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
        await store.db
          .insertInto('hosts')
          .values({ id: host.id, tenant_id: tenant.id, machine_id: host.id, hostname: host.id, ips: '[]', os_name: '', os_version: '', kernel: '', arch: '', agent_version: '', components: '[]', protection_plan: '', credential_hash: `c-${host.id}`, enrolled_with: null, installed_at: '', last_seen_at: '', uninstalled_at: null })
          .execute();
      }
    });
    afterAll(async () => {
      await store?.close();
      await database?.drop();
    });

    it('keeps every scan of every check with its time, newest first, and a daily trend', async (context) => {
      if (!database) return context.skip();
      await applyBaselineRun(store.db, hostA, run([check('ssh', '1', 'failed'), check('ssh', '2', 'passed'), check('kernel', '1', 'passed')]), '2026-11-25T03:00:00.000Z', '2026-11-25T03:00:01.000Z');
      await applyBaselineRun(store.db, hostA, run([check('ssh', '1', 'passed'), check('ssh', '2', 'passed'), check('kernel', '1', 'not_applicable')]), '2026-11-26T03:00:00.000Z', '2026-11-26T03:00:01.000Z');
      await applyBaselineRun(store.db, hostB, run([check('ssh', '1', 'failed'), check('ssh', '2', 'failed'), check('kernel', '1', 'passed')]), '2026-11-26T04:00:00.000Z', '2026-11-26T04:00:01.000Z');
      const history = await listCheckHistory(scope, { policyId: 'ssh', checkId: '1' }, { limit: 10, offset: 0 });
      expect(history.total).toBe(3);
      expect(history.items.map((row) => [row.hostname, row.at, row.result])).toEqual([
        ['host-b', '2026-11-26T04:00:00.000Z', 'failed'],
        ['host-a', '2026-11-26T03:00:00.000Z', 'passed'],
        ['host-a', '2026-11-25T03:00:00.000Z', 'failed'],
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
      expect(history.items.map((row) => row.at)).toEqual(['2028-01-05T04:00:00.000Z']);
      // Another host's rows are its own runs' business: host-a keeps all eight.
      expect((await listCheckHistory(scope, { hostId: 'host-a' }, { limit: 50, offset: 0 })).total).toBe(8);
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
  });
}
