// Migration 012 on both databases: a store that kept every scan's result (006) is converted to
// result intervals and day counts that equal what the new write path stores for the same runs,
// so history and trend read the same whichever way the rows came; 006's table is gone.
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { generateRuns, scanRows, trendFromScans } from '../../../test/support/baseline-runs.js';
import type { GeneratedRun } from '../../../test/support/baseline-runs.js';
import { DIALECTS, testDatabase } from '../../../test/support/stores.js';
import type { TestDatabase } from '../../../test/support/stores.js';
import { checkTrend, listCheckHistory } from './baseline-check-history.js';
import { applyBaselineRun } from './baseline-results.js';
import { openStore } from './database.js';
import type { Store } from './database.js';
import { migrations } from './migrations/index.js';
import type { Migration } from './migrations/index.js';
import { TenantScope } from './tenant-scope.js';
import { createTenant } from './tenants.js';

const CONVERTING = '012-baseline-history-intervals';
const HOSTS = ['old-1', 'old-2'];
const now = new Date('2026-11-27T12:00:00.000Z');

interface LegacyHistoryRow {
  tenant_id: string;
  host_id: string;
  policy_id: string;
  check_id: string;
  at: string;
  result: string;
}

/** Opens the store with every migration but 012, as a store in the field stands before it. */
async function openWithout012(url: string): Promise<Store> {
  const list = migrations as Migration[];
  const all = [...list];
  list.splice(
    list.findIndex((migration) => migration.name === CONVERTING),
    1,
  );
  try {
    return await openStore(url);
  } finally {
    list.splice(0, list.length, ...all);
  }
}

async function addHosts(store: Store, tenantId: string) {
  for (const id of HOSTS) {
    await store.db
      .insertInto('hosts')
      .values({ id, tenant_id: tenantId, machine_id: id, hostname: id, ips: '[]', os_name: '', os_version: '', kernel: '', arch: '', agent_version: '', components: '[]', protection_plan: '', credential_hash: `c-${id}`, enrolled_with: null, installed_at: '', last_seen_at: '', uninstalled_at: null })
      .execute();
  }
}

async function tables(store: Store) {
  const states = await store.db.selectFrom('baseline_check_states').select(['host_id', 'policy_id', 'check_id', 'result', 'first_seen_at', 'last_seen_at', 'scans']).orderBy('host_id').orderBy('policy_id').orderBy('check_id').orderBy('first_seen_at').execute();
  const days = await store.db.selectFrom('baseline_daily_results').select(['host_id', 'policy_id', 'day', 'last_at', 'passed', 'failed', 'not_applicable', 'error']).orderBy('host_id').orderBy('policy_id').orderBy('day').execute();
  const number = <T extends object>(row: T) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'string' ? value : Number(value)]));
  return { states: states.map(number), days: days.map(number) };
}

for (const dialect of DIALECTS) {
  describe(`migration 012 (baseline history as intervals) on ${dialect}`, () => {
    const databases: TestDatabase[] = [];
    afterAll(async () => {
      for (const database of databases) await database.drop();
    });

    it("converts 006's per-scan rows to the intervals and day counts the new write path stores", async (context) => {
      const legacy = await testDatabase(dialect);
      const fresh = await testDatabase(dialect);
      if (!legacy || !fresh) return context.skip();
      databases.push(legacy, fresh);
      const runs: GeneratedRun[] = generateRuns(HOSTS, '2026-10-01', 50, 11);
      const rows = scanRows(runs);

      const old = await openWithout012(legacy.url);
      const oldTenant = await createTenant(old.db, 'acme', now);
      await addHosts(old, oldTenant.id);
      const history = old.db as unknown as Kysely<{ baseline_check_history: LegacyHistoryRow }>;
      const legacyRows = rows.map((row) => ({ tenant_id: oldTenant.id, host_id: row.hostId, policy_id: row.policyId, check_id: row.checkId, at: row.at, result: row.result }));
      for (let start = 0; start < legacyRows.length; start += 200) await history.insertInto('baseline_check_history').values(legacyRows.slice(start, start + 200)).execute();
      await old.close();
      const converted = await openStore(legacy.url);

      const written = await openStore(fresh.url);
      const newTenant = await createTenant(written.db, 'acme', now);
      await addHosts(written, newTenant.id);
      for (const run of runs) await applyBaselineRun(written.db, { id: run.hostId, tenant_id: newTenant.id }, run.payload, run.at, run.at);

      try {
        const fromMigration = await tables(converted);
        expect(fromMigration.states.length).toBeGreaterThan(0);
        expect(fromMigration.states.length).toBeLessThan(rows.length / 2);
        expect(fromMigration).toEqual(await tables(written));
        const scope = new TenantScope(converted.db, oldTenant.id, () => now);
        expect(await checkTrend(scope, { policyId: 'q', checkId: '2' }, 60)).toEqual(trendFromScans(rows, { policyId: 'q', checkId: '2' }));
        const intervals = (await listCheckHistory(scope, { hostId: 'old-1' }, { limit: 1000, offset: 0 })).items;
        expect(intervals.reduce((sum, interval) => sum + interval.scans, 0)).toBe(rows.filter((row) => row.hostId === 'old-1').length);
        await expect(converted.db.selectFrom('baseline_check_history' as never).selectAll().execute()).rejects.toThrow();
      } finally {
        await converted.close();
        await written.close();
      }
    });
  });
}
