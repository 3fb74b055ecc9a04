// Every scan's result of every check on every host, with its time: the history behind a check's
// detail (which hosts, since when, how it went) and the pass rate over time. Rows are small (no
// evidence: the latest result keeps that) and older than a year and a bit are pruned per host
// as its runs come in, so the table grows with the fleet, not with time.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { BaselineResult } from '../../model/baseline.js';
import type { BaselineCheckHistoryEntry, BaselineTrendDay } from '../../model/baseline-schedule.js';
import type { Database } from './schema.js';
import type { TenantScope } from './tenant-scope.js';

/** A year of daily scans and the same weeks of the year before, to compare. */
export const HISTORY_KEPT_DAYS = 400;
const ROWS_PER_INSERT = 500;

type LatestRow = Pick<Database['baseline_results'], 'tenant_id' | 'host_id' | 'policy_id' | 'check_id' | 'result'>;

/** Adds one run's results to the history and drops the host's rows past the kept window. */
export async function recordCheckHistory(db: Kysely<Database>, rows: readonly LatestRow[], runAt: string): Promise<void> {
  const history = rows.map((row) => ({ tenant_id: row.tenant_id, host_id: row.host_id, policy_id: row.policy_id, check_id: row.check_id, at: runAt, result: row.result }));
  for (let start = 0; start < history.length; start += ROWS_PER_INSERT) await db.insertInto('baseline_check_history').values(history.slice(start, start + ROWS_PER_INSERT)).execute();
  const hostId = rows[0]?.host_id;
  if (!hostId) return;
  const cutoff = new Date(Date.parse(runAt) - HISTORY_KEPT_DAYS * 86_400_000).toISOString();
  await db.deleteFrom('baseline_check_history').where('host_id', '=', hostId).where('at', '<', cutoff).execute();
}

export interface HistoryFilter {
  readonly policyId?: string | undefined;
  readonly checkId?: string | undefined;
  readonly hostId?: string | undefined;
}

function filtered(scope: TenantScope, filter: HistoryFilter) {
  let query = scope.selectFrom('baseline_check_history');
  if (filter.policyId) query = query.where('baseline_check_history.policy_id', '=', filter.policyId);
  if (filter.checkId) query = query.where('baseline_check_history.check_id', '=', filter.checkId);
  if (filter.hostId) query = query.where('baseline_check_history.host_id', '=', filter.hostId);
  return query;
}

/** Scan results, newest first. */
export async function listCheckHistory(scope: TenantScope, filter: HistoryFilter, page: { limit: number; offset: number }): Promise<{ items: BaselineCheckHistoryEntry[]; total: number }> {
  const query = filtered(scope, filter);
  const [rows, count] = await Promise.all([
    query
      .innerJoin('hosts', 'hosts.id', 'baseline_check_history.host_id')
      .select(['baseline_check_history.host_id', 'hosts.hostname', 'baseline_check_history.policy_id', 'baseline_check_history.check_id', 'baseline_check_history.at', 'baseline_check_history.result'])
      .orderBy('baseline_check_history.at', 'desc')
      .orderBy('hosts.hostname')
      .orderBy('baseline_check_history.policy_id')
      .orderBy('baseline_check_history.check_id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((row) => ({ hostId: row.host_id, hostname: row.hostname, policyId: row.policy_id, checkId: row.check_id, at: row.at, result: row.result as BaselineResult })),
  };
}

/** Results per UTC day over the last `days` days (days without scans are left out), oldest first. */
export async function checkTrend(scope: TenantScope, filter: HistoryFilter, days: number): Promise<BaselineTrendDay[]> {
  const since = new Date(scope.clock().getTime() - days * 86_400_000);
  since.setUTCHours(0, 0, 0, 0);
  // ISO times cut as text on both databases: the first 10 characters are the day.
  const day = sql<string>`substr(baseline_check_history.at, 1, 10)`;
  const isResult = (result: string) => sql<number>`sum(case when baseline_check_history.result = ${result} then 1 else 0 end)`;
  const rows = await filtered(scope, filter)
    .where('baseline_check_history.at', '>=', since.toISOString())
    .groupBy(day)
    .select([day.as('day'), isResult('passed').as('passed'), isResult('failed').as('failed'), isResult('not_applicable').as('not_applicable'), isResult('error').as('error')])
    .orderBy(day)
    .execute();
  return rows.map((row) => {
    const passed = Number(row.passed);
    const failed = Number(row.failed);
    return { day: row.day, passed, failed, notApplicable: Number(row.not_applicable), error: Number(row.error), passRate: passed + failed === 0 ? null : passed / (passed + failed) };
  });
}
