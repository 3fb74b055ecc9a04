// The cost of baseline history on SQLite: a fleet of HOSTS hosts runs CHECKS checks daily for RUNS
// days. History is kept as result intervals per check and day counts per host and policy
// (migration 012), so its size follows how often results change: measured for results that
// churn (every check flips about twice in five days, the worst case) and for steady ones (a check
// changes about once a month). Measured: how long storing one run takes with its history, the
// bytes a host's history costs a year on disk (the latest results and run rows are included; they
// stop growing after the first day), and how long the console's reads take over the full history
// (a check's daily trend and its newest intervals, the fleet's trend, every host's pass rate).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BaselineResult } from '../src/model/baseline.js';
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

type Outcome = (check: number, host: number, day: number) => BaselineResult;

/** A check fails on a host on some days and not others, so results move as they do in life. */
const churning: Outcome = (c, host, day) => ((c * 7 + host + day) % 5 === 0 ? 'failed' : c % 11 === 0 ? 'not_applicable' : 'passed');
/** The same mix, each check's result moving about once a month (a fix, a drift, an update). */
const steady: Outcome = (c, host, day) => churning(c, host, Math.floor((day + c) / 30));

async function measure(outcome: Outcome) {
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
    const run = (host: number, day: number): BaselineResultsPayload => ({
      policies: ['bench_a', 'bench_b', 'bench_c'],
      partial: false,
      warnings: [],
      results: Array.from({ length: CHECKS }, (_, c) => ({ policyId: `bench_${'abc'[c % 3]}`, checkId: String(c), title: `check ${c}`, result: outcome(c, host, day), reason: 'bench', evidence: [], severity: 'medium' })),
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
    const count = async (table: 'baseline_check_states' | 'baseline_daily_results') => Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const intervals = await count('baseline_check_states');
    const dayRows = await count('baseline_daily_results');
    const scope = new TenantScope(store.db, tenant.id, () => new Date(start.getTime() + RUNS * 86_400_000));
    const trend = await timed(() => checkTrend(scope, { policyId: 'bench_a', checkId: '3' }, RUNS));
    const fleetTrend = await timed(() => checkTrend(scope, {}, RUNS));
    const newest = await timed(() => listCheckHistory(scope, { policyId: 'bench_a', checkId: '3' }, { limit: 20, offset: 0 }));
    const hostRates = await timed(() => summarizeBaselineHosts(scope, {}, { limit: 50, offset: 0 }));
    await store.close();
    const bytes = statSync(file).size - sizeBefore;
    return {
      scansKept: HOSTS * CHECKS * RUNS,
      intervalRows: intervals,
      dayRows,
      storeRunMsMedian: median(applyMs),
      databaseBytesPerScanResult: Math.round(bytes / (HOSTS * CHECKS * RUNS)),
      // What one host running CHECKS checks daily keeps for a year, at this rate of change.
      megabytesPerHostYear: Math.round(((bytes / HOSTS) * (365 / RUNS)) / 1e5) / 10,
      checkTrendMs: trend.ms,
      checkTrendDays: trend.result.length,
      fleetTrendMs: fleetTrend.ms,
      checkNewestIntervalsMs: newest.ms,
      checkIntervalsTotal: newest.result.total,
      hostPassRatesMs: hostRates.ms,
    };
  } finally {
    await store.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

export const baselineHistoryBench: Bench = {
  name: 'baseline-history',
  async run() {
    return { hosts: HOSTS, checksPerRun: CHECKS, runsPerHost: RUNS, churning: await measure(churning), steady: await measure(steady) };
  },
};
