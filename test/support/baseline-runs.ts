// Generated baseline runs for history tests: a few hosts scanning two policies over some weeks,
// with days skipped, days scanned twice, partial runs (one policy) and a check missing from some
// full runs, from a seeded generator so a failure reproduces. Each run is also listed as the rows
// per-scan storage (migration 006) kept, so tests can compute the expected answers from them.
import type { BaselineResult } from '../../src/model/baseline.js';
import type { BaselineResultsPayload } from '../../src/model/baseline-api.js';
import type { BaselineTrendDay } from '../../src/model/baseline-schedule.js';

export interface GeneratedRun {
  readonly hostId: string;
  readonly at: string;
  readonly payload: BaselineResultsPayload;
}

/** One row of 006's per-scan history. */
export interface ScanRow {
  readonly hostId: string;
  readonly policyId: string;
  readonly checkId: string;
  readonly at: string;
  readonly result: BaselineResult;
}

const RESULTS: readonly BaselineResult[] = ['passed', 'passed', 'passed', 'failed', 'not_applicable', 'error'];
const CHECKS = [
  ['p', '1'],
  ['p', '2'],
  ['p', '3'],
  ['q', '1'],
  ['q', '2'],
] as const;

/** Runs in time order: `days` days from `firstDay` (YYYY-MM-DD) on each host. */
export function generateRuns(hostIds: readonly string[], firstDay: string, days: number, seed = 7): GeneratedRun[] {
  let state = seed;
  // A small linear congruential generator: the same seed gives the same runs on every machine.
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const current = new Map<string, BaselineResult>();
  const runs: GeneratedRun[] = [];
  for (let day = 0; day < days; day++) {
    const date = new Date(Date.parse(`${firstDay}T00:00:00.000Z`) + day * 86_400_000).toISOString().slice(0, 10);
    for (const hour of ['03', '15']) {
      for (const hostId of hostIds) {
        const roll = random();
        // Most days one scan at 03:00; some days none, some a second one at 15:00.
        if (hour === '03' ? roll < 0.15 : roll > 0.25) continue;
        const partial = random() < 0.2;
        const dropQ2 = !partial && random() < 0.1;
        const results = CHECKS.filter(([policyId, checkId]) => (!partial || policyId === 'p') && !(dropQ2 && policyId === 'q' && checkId === '2')).map(([policyId, checkId]) => {
          const key = `${hostId}/${policyId}/${checkId}`;
          // Results mostly hold between scans, as they do in life.
          const result = random() < 0.3 || !current.has(key) ? RESULTS[Math.floor(random() * RESULTS.length)]! : current.get(key)!;
          current.set(key, result);
          return { policyId, checkId, title: `${policyId} ${checkId}`, result, reason: result, evidence: [], severity: 'low' as const };
        });
        runs.push({ hostId, at: `${date}T${hour}:00:00.000Z`, payload: { policies: partial ? ['p'] : ['p', 'q'], partial, results, warnings: [] } });
      }
    }
  }
  return runs;
}

export function scanRows(runs: readonly GeneratedRun[]): ScanRow[] {
  return runs.flatMap((run) => run.payload.results.map((row) => ({ hostId: run.hostId, policyId: row.policyId, checkId: row.checkId, at: run.at, result: row.result })));
}

/**
 * The trend from per-scan rows, each host's policy counted by its last scan of the day (with one
 * scan a day, what summing every scan gave); `everyScan` sums every scan, as 006's query did.
 */
export function trendFromScans(rows: readonly ScanRow[], filter: { policyId?: string; checkId?: string; hostId?: string }, everyScan = false): BaselineTrendDay[] {
  const lastOfDay = new Map<string, string>();
  for (const row of rows) {
    const key = `${row.hostId}/${row.policyId}/${row.at.slice(0, 10)}`;
    if ((lastOfDay.get(key) ?? '') < row.at) lastOfDay.set(key, row.at);
  }
  const days = new Map<string, { passed: number; failed: number; not_applicable: number; error: number }>();
  for (const row of rows) {
    if ((filter.policyId && row.policyId !== filter.policyId) || (filter.checkId && row.checkId !== filter.checkId) || (filter.hostId && row.hostId !== filter.hostId)) continue;
    if (!everyScan && lastOfDay.get(`${row.hostId}/${row.policyId}/${row.at.slice(0, 10)}`) !== row.at) continue;
    const day = row.at.slice(0, 10);
    const counts = days.get(day) ?? { passed: 0, failed: 0, not_applicable: 0, error: 0 };
    counts[row.result] += 1;
    days.set(day, counts);
  }
  return [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, counts]) => ({ day, passed: counts.passed, failed: counts.failed, notApplicable: counts.not_applicable, error: counts.error, passRate: counts.passed + counts.failed === 0 ? null : counts.passed / (counts.passed + counts.failed) }));
}
