// The cost of keeping every scan's result per check (baseline history) on SQLite: a fleet of HOSTS
// hosts runs CHECKS checks daily for RUNS days. Measured: how long storing one run takes with its
// history, the bytes each kept result costs on disk (the latest results and run rows are included,
// but they stop growing after the first day), and how long the console's reads take over the full
// history (a check's daily trend and its newest scans, every host's pass rate).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BaselineResultsPayload } from '../src/model/baseline-api.js';
import { checkTrend, listCheckHistory } from '../src/server/store/baseline-check-history.js';
import { summarizeBaselineHosts } from '../src/server/store/baseline-host-rates.js';
import { applyBaselineRun } from '../src/server/store/baseline-results.js';
import { openStore } from '../src/server/store/database.js';
import { TenantScope } from '../src/server/store/tenant-scope.js';
import { createTenant } from '../src/server/store/tenants.js';
import type { Bench } from './bench.js';

const HOSTS = 20;
const CHECKS = 300;
const RUNS = 90;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await work();
  return { result, ms: Math.round((performance.now() - start) * 10) / 10 };
}

export const baselineHistoryBench: Bench = {
  name: 'baseline-history',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-bench-history-'));
    const file = join(dir, 'palisade.db');
    const store = await openStore(file);
    try {
      const start = new Date('2026-01-01T03:00:00.000Z');
      const tenant = await createTenant(store.db, 'bench', start);
      const hosts = Array.from({ length: HOSTS }, (_, i) => ({ id: `host-${i}`, tenant_id: tenant.id }));
      for (const host of hosts) {
        await store.db
          .insertInto('hosts')
          .values({ id: host.id, tenant_id: tenant.id, machine_id: host.id, hostname: host.id, ips: '[]', os_name: '', os_version: '', kernel: '', arch: '', agent_version: '', components: '[]', protection_plan: '', credential_hash: `c-${host.id}`, enrolled_with: null, installed_at: '', last_seen_at: '', uninstalled_at: null })
          .execute();
      }
      // A check fails on a host on some days and not others, so results move as they do in life.
      const run = (host: number, day: number): BaselineResultsPayload => ({
        policies: ['bench_a', 'bench_b', 'bench_c'],
        partial: false,
        warnings: [],
        results: Array.from({ length: CHECKS }, (_, c) => ({ policyId: `bench_${'abc'[c % 3]}`, checkId: String(c), title: `check ${c}`, result: (c * 7 + host + day) % 5 === 0 ? 'failed' : c % 11 === 0 ? 'not_applicable' : 'passed', reason: 'bench', evidence: [], severity: 'medium' })),
      });
      const applyMs: number[] = [];
      const sizeBefore = statSync(file).size;
      for (let day = 0; day < RUNS; day++) {
        const at = new Date(start.getTime() + day * 86_400_000).toISOString();
        for (let h = 0; h < HOSTS; h++) {
          const payload = run(h, day);
          applyMs.push((await timed(() => applyBaselineRun(store.db, hosts[h]!, payload, at, at))).ms);
        }
      }
      const rows = Number((await store.db.selectFrom('baseline_check_history').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const scope = new TenantScope(store.db, tenant.id, () => new Date(start.getTime() + RUNS * 86_400_000));
      const trend = await timed(() => checkTrend(scope, { policyId: 'bench_a', checkId: '3' }, RUNS));
      const newest = await timed(() => listCheckHistory(scope, { policyId: 'bench_a', checkId: '3' }, { limit: 20, offset: 0 }));
      const hostRates = await timed(() => summarizeBaselineHosts(scope, {}, { limit: 50, offset: 0 }));
      await store.close();
      const bytes = statSync(file).size - sizeBefore;
      return {
        hosts: HOSTS,
        checksPerRun: CHECKS,
        runsPerHost: RUNS,
        historyRows: rows,
        storeRunMsMedian: median(applyMs),
        databaseBytesPerHistoryRow: Math.round(bytes / rows),
        // What one host running CHECKS checks daily keeps for a year.
        megabytesPerHostYear: Math.round(((bytes / rows) * CHECKS * 365) / 1e5) / 10,
        checkTrendMs: trend.ms,
        checkTrendDays: trend.result.length,
        checkNewestScansMs: newest.ms,
        checkScansTotal: newest.result.total,
        hostPassRatesMs: hostRates.ms,
      };
    } finally {
      await store.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
