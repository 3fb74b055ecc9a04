// A check's history on each host as state intervals: one row per stretch of consecutive scans in
// which it kept one result (first seen, last confirmed, how many scans), and per host, policy and
// UTC day the counts of that day's last scan, for the trend. Checks rarely change between scans,
// so this grows with changes, not with scans (one row per scan per check was 26 MB per host a
// year). The result alone starts a new interval: reason and evidence often carry details that move
// between scans of an unchanged state, and the latest result keeps them. Rows whose last scan is
// older than the kept window are pruned per host as its runs come in.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { BaselineResult } from '../../model/baseline.js';
import type { BaselineCheckHistoryEntry, BaselineTrendDay } from '../../model/baseline-schedule.js';
import { pageWithTotal } from './page-with-total.js';
import type { Page } from './page-with-total.js';
import type { Database } from './schema.js';
import type { TenantScope } from './tenant-scope.js';

/** A year of daily scans and the same weeks of the year before, to compare. */
export const HISTORY_KEPT_DAYS = 400;
const ROWS_PER_STATEMENT = 400;

type LatestRow = Pick<Database['baseline_results'], 'tenant_id' | 'host_id' | 'policy_id' | 'check_id' | 'result'>;
/** A check's stored result before this run: its result and the run that last gave it. */
export type PreviousResult = Pick<Database['baseline_results'], 'result' | 'checked_at'>;

const keyOf = (row: { policy_id: string; check_id: string }) => `${row.policy_id}/${row.check_id}`;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += ROWS_PER_STATEMENT) out.push(items.slice(start, start + ROWS_PER_STATEMENT));
  return out;
}

/**
 * Adds one run's results to the history: a check whose result is the one its previous scan gave
 * extends that interval, any other starts one. Then the day's counts per policy, and pruning.
 */
export async function recordCheckHistory(db: Kysely<Database>, rows: readonly LatestRow[], previous: ReadonlyMap<string, PreviousResult>, runAt: string): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const hostId = first.host_id;
  // The intervals the previous scans left open: they end at those scans.
  const previousScans = [...new Set(rows.map((row) => previous.get(keyOf(row))?.checked_at).filter((at): at is string => at !== undefined))];
  const open = new Map<string, { result: string; last_seen_at: string }>();
  for (const times of chunks(previousScans)) {
    const found = await db.selectFrom('baseline_check_states').select(['policy_id', 'check_id', 'result', 'last_seen_at']).where('host_id', '=', hostId).where('last_seen_at', 'in', times).execute();
    for (const row of found) open.set(keyOf(row), row);
  }
  const extended = new Map<string, { policyId: string; lastSeenAt: string; checkIds: string[] }>();
  const started: Database['baseline_check_states'][] = [];
  for (const row of rows) {
    const before = previous.get(keyOf(row));
    const interval = open.get(keyOf(row));
    const continues = before !== undefined && interval !== undefined && before.result === row.result && interval.result === row.result && interval.last_seen_at === before.checked_at;
    if (continues && interval.last_seen_at === runAt) continue; // the same run again: already counted
    if (continues) {
      const group = `${row.policy_id}\n${interval.last_seen_at}`;
      const entry = extended.get(group) ?? { policyId: row.policy_id, lastSeenAt: interval.last_seen_at, checkIds: [] };
      entry.checkIds.push(row.check_id);
      extended.set(group, entry);
    } else {
      started.push({ tenant_id: row.tenant_id, host_id: hostId, policy_id: row.policy_id, check_id: row.check_id, result: row.result, first_seen_at: runAt, last_seen_at: runAt, scans: 1 });
    }
  }
  for (const { policyId, lastSeenAt, checkIds } of extended.values()) {
    for (const ids of chunks(checkIds)) {
      await db
        .updateTable('baseline_check_states')
        .set((eb) => ({ last_seen_at: runAt, scans: eb('scans', '+', 1) }))
        .where('host_id', '=', hostId)
        .where('policy_id', '=', policyId)
        .where('last_seen_at', '=', lastSeenAt)
        .where('check_id', 'in', ids)
        .execute();
    }
  }
  for (const values of chunks(started)) await db.insertInto('baseline_check_states').values(values).onConflict((oc) => oc.doNothing()).execute();
  await recordDailyCounts(db, rows, runAt);
  const cutoff = new Date(Date.parse(runAt) - HISTORY_KEPT_DAYS * 86_400_000).toISOString();
  await db.deleteFrom('baseline_check_states').where('host_id', '=', hostId).where('last_seen_at', '<', cutoff).execute();
  await db.deleteFrom('baseline_daily_results').where('host_id', '=', hostId).where('last_at', '<', cutoff).execute();
}

/** The run's counts per policy become the day's, unless a later scan of that day is stored. */
async function recordDailyCounts(db: Kysely<Database>, rows: readonly LatestRow[], runAt: string): Promise<void> {
  const perPolicy = new Map<string, Database['baseline_daily_results']>();
  for (const row of rows) {
    const counts = perPolicy.get(row.policy_id) ?? { tenant_id: row.tenant_id, host_id: row.host_id, policy_id: row.policy_id, day: runAt.slice(0, 10), last_at: runAt, passed: 0, failed: 0, not_applicable: 0, error: 0 };
    if (row.result === 'passed' || row.result === 'failed' || row.result === 'not_applicable' || row.result === 'error') counts[row.result] += 1;
    perPolicy.set(row.policy_id, counts);
  }
  for (const values of chunks([...perPolicy.values()])) {
    await db
      .insertInto('baseline_daily_results')
      .values(values)
      .onConflict((oc) =>
        oc
          .columns(['host_id', 'policy_id', 'day'])
          .doUpdateSet((eb) => ({
            last_at: eb.ref('excluded.last_at'),
            passed: eb.ref('excluded.passed'),
            failed: eb.ref('excluded.failed'),
            not_applicable: eb.ref('excluded.not_applicable'),
            error: eb.ref('excluded.error'),
          }))
          .whereRef('excluded.last_at', '>=', 'baseline_daily_results.last_at'),
      )
      .execute();
  }
}

export interface HistoryFilter {
  readonly policyId?: string | undefined;
  readonly checkId?: string | undefined;
  readonly hostId?: string | undefined;
}

/** Result intervals, the most recently confirmed first. */
export async function listCheckHistory(scope: TenantScope, filter: HistoryFilter, page: Page): Promise<{ items: BaselineCheckHistoryEntry[]; total: number }> {
  let query = scope.selectFrom('baseline_check_states');
  if (filter.policyId) query = query.where('baseline_check_states.policy_id', '=', filter.policyId);
  if (filter.checkId) query = query.where('baseline_check_states.check_id', '=', filter.checkId);
  if (filter.hostId) query = query.where('baseline_check_states.host_id', '=', filter.hostId);
  const { rows, total } = await pageWithTotal(query, page, (filtered) =>
    filtered
      .innerJoin('hosts', 'hosts.id', 'baseline_check_states.host_id')
      .select(['baseline_check_states.host_id', 'hosts.hostname', 'baseline_check_states.policy_id', 'baseline_check_states.check_id', 'baseline_check_states.result', 'baseline_check_states.first_seen_at', 'baseline_check_states.last_seen_at', 'baseline_check_states.scans'])
      .orderBy('baseline_check_states.last_seen_at', 'desc')
      .orderBy('baseline_check_states.first_seen_at', 'desc')
      .orderBy('hosts.hostname')
      .orderBy('baseline_check_states.policy_id')
      .orderBy('baseline_check_states.check_id'),
  );
  return {
    total,
    items: rows.map((row) => ({
      hostId: row.host_id,
      hostname: row.hostname,
      policyId: row.policy_id,
      checkId: row.check_id,
      result: row.result as BaselineResult,
      firstSeenAt: row.first_seen_at,
      lastSeenAt: row.last_seen_at,
      scans: Number(row.scans),
    })),
  };
}

/**
 * Results per UTC day over the last `days` days, each host counted by its last scan of the day
 * (days without scans are left out), oldest first. One check's: the interval of each host's
 * check that holds that last scan.
 */
export async function checkTrend(scope: TenantScope, filter: HistoryFilter, days: number): Promise<BaselineTrendDay[]> {
  const since = new Date(scope.clock().getTime() - days * 86_400_000);
  since.setUTCHours(0, 0, 0, 0);
  let query = scope.selectFrom('baseline_daily_results').where('baseline_daily_results.day', '>=', since.toISOString().slice(0, 10));
  if (filter.policyId) query = query.where('baseline_daily_results.policy_id', '=', filter.policyId);
  if (filter.hostId) query = query.where('baseline_daily_results.host_id', '=', filter.hostId);
  const day = sql.ref<string>('baseline_daily_results.day');
  let rows: { day: string; passed: number; failed: number; not_applicable: number; error: number }[];
  const checkId = filter.checkId;
  if (checkId) {
    const isResult = (result: string) => sql<number>`sum(case when baseline_check_states.result = ${result} then 1 else 0 end)`;
    rows = await query
      .innerJoin('baseline_check_states', (join) =>
        join
          .onRef('baseline_check_states.host_id', '=', 'baseline_daily_results.host_id')
          .onRef('baseline_check_states.policy_id', '=', 'baseline_daily_results.policy_id')
          .on('baseline_check_states.check_id', '=', checkId)
          // The interval that began last at or before that scan (one index seek per day, where a
          // range would walk every earlier interval), if it lasted until the scan.
          .on((eb) =>
            eb(
              'baseline_check_states.first_seen_at',
              '=',
              eb
                .selectFrom('baseline_check_states as earlier')
                .select((inner) => inner.fn.max('earlier.first_seen_at').as('first_seen_at'))
                .whereRef('earlier.host_id', '=', 'baseline_daily_results.host_id')
                .whereRef('earlier.policy_id', '=', 'baseline_daily_results.policy_id')
                .where('earlier.check_id', '=', checkId)
                .whereRef('earlier.first_seen_at', '<=', 'baseline_daily_results.last_at'),
            ),
          )
          .onRef('baseline_check_states.last_seen_at', '>=', 'baseline_daily_results.last_at'),
      )
      .groupBy(day)
      .select([day.as('day'), isResult('passed').as('passed'), isResult('failed').as('failed'), isResult('not_applicable').as('not_applicable'), isResult('error').as('error')])
      .orderBy(day)
      .execute();
  } else {
    rows = await query
      .groupBy(day)
      .select((eb) => [
        day.as('day'),
        eb.fn.sum<number>('baseline_daily_results.passed').as('passed'),
        eb.fn.sum<number>('baseline_daily_results.failed').as('failed'),
        eb.fn.sum<number>('baseline_daily_results.not_applicable').as('not_applicable'),
        eb.fn.sum<number>('baseline_daily_results.error').as('error'),
      ])
      .orderBy(day)
      .execute();
  }
  return rows.map((row) => {
    const passed = Number(row.passed);
    const failed = Number(row.failed);
    return { day: row.day, passed, failed, notApplicable: Number(row.not_applicable), error: Number(row.error), passRate: passed + failed === 0 ? null : passed / (passed + failed) };
  });
}
