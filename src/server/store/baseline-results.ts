// Baseline results in the store: the latest result of every check per host (with since when it
// holds and whether its failure was raised as an event), one row per run for the history, and the
// fleet views the API answers from. Ignore rules are applied in SQL (ignoredExpression).
import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import type { BaselineEvidence, BaselineResult } from '../../model/baseline.js';
import type { BaselineCheckSummary, BaselinePolicySummary, BaselineResultsPayload, BaselineRun, HostBaselineCheck } from '../../model/baseline-api.js';
import type { Severity } from '../../model/common.js';
import { recordCheckHistory } from './baseline-check-history.js';
import { ignoredChecks, ignoredExpression } from './baseline-ignores.js';
import { pageOfGroups, pageWithTotal } from './page-with-total.js';
import type { Page } from './page-with-total.js';
import type { BaselineRunTable, Database } from './schema.js';
import type { TenantScope } from './tenant-scope.js';
import { containsText } from './contains-text.js';

const ROWS_PER_INSERT = 200;
/** Failures of these severities become events (issue 7: "failed checks of high severity"). */
export const EVENT_SEVERITIES: ReadonlySet<Severity> = new Set(['high', 'critical']);

type CheckRow = BaselineResultsPayload['results'][number];
const checkKey = (row: { policyId: string; checkId: string }) => `${row.policyId}/${row.checkId}`;

/**
 * Stores one run as the host's current results and in its history. Returns the failing checks
 * to raise as events: high or critical, not ignored, and not raised already during this failure,
 * so a check that keeps failing raises once and one that passes in between raises again.
 */
export async function applyBaselineRun(db: Kysely<Database>, host: { id: string; tenant_id: string }, payload: BaselineResultsPayload, runAt: string, at: string): Promise<CheckRow[]> {
  const before = new Map(
    (await db.selectFrom('baseline_results').select(['policy_id', 'check_id', 'result', 'since', 'raised_at', 'checked_at']).where('host_id', '=', host.id).execute()).map((row) => [
      `${row.policy_id}/${row.check_id}`,
      row,
    ]),
  );
  const ignored = await ignoredChecks(db, host, at);
  const toRaise: CheckRow[] = [];
  const rows = new Map<string, Database['baseline_results']>();
  for (const check of payload.results) {
    const key = checkKey(check);
    if (rows.has(key)) continue; // two policy files with one id: the first one's result stands
    const previous = before.get(key);
    let raisedAt = check.result === 'failed' && previous?.result === 'failed' ? previous.raised_at : null;
    if (check.result === 'failed' && raisedAt === null && EVENT_SEVERITIES.has(check.severity) && !ignored.has(key)) {
      toRaise.push(check);
      raisedAt = at;
    }
    rows.set(key, {
      tenant_id: host.tenant_id,
      host_id: host.id,
      policy_id: check.policyId,
      check_id: check.checkId,
      title: check.title,
      severity: check.severity,
      result: check.result,
      reason: check.reason,
      evidence: JSON.stringify(check.evidence),
      remediation: check.remediation ?? null,
      since: previous && previous.result === check.result ? previous.since : runAt,
      checked_at: runAt,
      raised_at: raisedAt,
    });
  }
  // A full run is a snapshot: a check it no longer has (policy removed, check dropped) is gone. A
  // partial run (a schedule's policies) only speaks for the policies it evaluated.
  const evaluated = new Set(payload.policies);
  const gone = [...before.keys()].filter((key) => !rows.has(key) && (!payload.partial || evaluated.has(before.get(key)!.policy_id)));
  for (const key of gone) {
    const row = before.get(key)!;
    await db.deleteFrom('baseline_results').where('host_id', '=', host.id).where('policy_id', '=', row.policy_id).where('check_id', '=', row.check_id).execute();
  }
  const values = [...rows.values()];
  for (let start = 0; start < values.length; start += ROWS_PER_INSERT) {
    await db
      .insertInto('baseline_results')
      .values(values.slice(start, start + ROWS_PER_INSERT))
      .onConflict((oc) =>
        oc.columns(['host_id', 'policy_id', 'check_id']).doUpdateSet((eb) => ({
          title: eb.ref('excluded.title'),
          severity: eb.ref('excluded.severity'),
          result: eb.ref('excluded.result'),
          reason: eb.ref('excluded.reason'),
          evidence: eb.ref('excluded.evidence'),
          remediation: eb.ref('excluded.remediation'),
          since: eb.ref('excluded.since'),
          checked_at: eb.ref('excluded.checked_at'),
          raised_at: eb.ref('excluded.raised_at'),
        })),
      )
      .execute();
  }
  await recordCheckHistory(db, values, before, runAt);
  const count = (result: BaselineResult) => values.filter((row) => row.result === result).length;
  await db
    .insertInto('baseline_runs')
    .values({
      tenant_id: host.tenant_id,
      host_id: host.id,
      at: runAt,
      received_at: at,
      policies: JSON.stringify(payload.policies),
      passed: count('passed'),
      failed: count('failed'),
      not_applicable: count('not_applicable'),
      error: count('error'),
      failed_checks: JSON.stringify(values.filter((row) => row.result === 'failed').map((row) => `${row.policy_id}/${row.check_id}`)),
    })
    .execute();
  return toRaise;
}

const RESULT_RANK = sql<number>`case baseline_results.result when 'failed' then 0 when 'error' then 1 when 'not_applicable' then 2 else 3 end`;
const SEVERITY_RANK = sql<number>`case baseline_results.severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end`;

export interface BaselineResultFilter {
  readonly policyId?: string | undefined;
  readonly checkId?: string | undefined;
  readonly hostId?: string | undefined;
  readonly result?: BaselineResult | undefined;
  readonly severity?: Severity | undefined;
  readonly ignored?: boolean | undefined;
}

/** Latest results across the tenant's hosts: failing first, then by severity, policy and check. */
export async function listBaselineResults(scope: TenantScope, filter: BaselineResultFilter, page: Page): Promise<{ items: HostBaselineCheck[]; total: number }> {
  const ignored = ignoredExpression(scope.now());
  let query = scope.selectFrom('baseline_results').innerJoin('hosts', 'hosts.id', 'baseline_results.host_id');
  if (filter.policyId) query = query.where('baseline_results.policy_id', '=', filter.policyId);
  if (filter.checkId) query = query.where('baseline_results.check_id', '=', filter.checkId);
  if (filter.hostId) query = query.where('baseline_results.host_id', '=', filter.hostId);
  if (filter.result) query = query.where('baseline_results.result', '=', filter.result);
  if (filter.severity) query = query.where('baseline_results.severity', '=', filter.severity);
  if (filter.ignored !== undefined) query = query.where(ignored, '=', filter.ignored ? 1 : 0);
  const { rows, total } = await pageWithTotal(query, page, (filtered) =>
    filtered
      .selectAll('baseline_results')
      .select('hosts.hostname')
      .select(ignored.as('ignored'))
      .orderBy(RESULT_RANK)
      .orderBy(SEVERITY_RANK)
      .orderBy('baseline_results.policy_id')
      .orderBy('baseline_results.check_id')
      .orderBy('hosts.hostname'),
  );
  return {
    total,
    items: rows.map((row) => ({
      hostId: row.host_id,
      hostname: row.hostname,
      policyId: row.policy_id,
      checkId: row.check_id,
      title: row.title,
      severity: row.severity as Severity,
      result: row.result as BaselineResult,
      reason: row.reason,
      evidence: JSON.parse(row.evidence) as BaselineEvidence[],
      remediation: row.remediation,
      ignored: Number(row.ignored) === 1,
      since: row.since,
      checkedAt: row.checked_at,
    })),
  };
}

/** passed / (passed + failed) of one host's latest results, or null when nothing was answered. */
export async function hostPassRate(scope: TenantScope, hostId: string): Promise<number | null> {
  const rows = await scope.selectFrom('baseline_results').select((eb) => ['result', eb.fn.countAll<number>().as('n')]).where('host_id', '=', hostId).groupBy('result').execute();
  const counts = new Map(rows.map((row) => [row.result, Number(row.n)]));
  const passed = counts.get('passed') ?? 0;
  const answered = passed + (counts.get('failed') ?? 0);
  return answered === 0 ? null : passed / answered;
}

export interface BaselineCheckFilter {
  readonly policyId?: string | undefined;
  readonly severity?: Severity | undefined;
  readonly q?: string | undefined;
  readonly failing?: boolean | undefined;
}

/** Every check across the tenant's hosts with its counts and pass rate; most affected first. */
export async function summarizeBaselineChecks(scope: TenantScope, filter: BaselineCheckFilter, page: Page): Promise<{ items: BaselineCheckSummary[]; total: number }> {
  const ignored = ignoredExpression(scope.now());
  const isResult = (result: string) => sql<number>`sum(case when baseline_results.result = ${result} then 1 else 0 end)`;
  const affected = sql<number>`sum(case when baseline_results.result = 'failed' then 1 - ${ignored} else 0 end)`;
  let query = scope.selectFrom('baseline_results');
  if (filter.policyId) query = query.where('policy_id', '=', filter.policyId);
  if (filter.severity) query = query.where('severity', '=', filter.severity);
  if (filter.q) query = query.where(containsText('title', filter.q));
  let grouped = query.groupBy(['policy_id', 'check_id']);
  if (filter.failing !== undefined) grouped = grouped.having(affected, filter.failing ? '>' : '=', 0);
  const { rows, total } = await pageOfGroups(scope.db, grouped, page, (groups) =>
    groups
      .select((eb) => [
        'policy_id',
        'check_id',
        eb.fn.max('title').as('title'),
        eb.fn.max('severity').as('severity'),
        eb.fn.countAll<number>().as('hosts'),
        isResult('passed').as('passed'),
        isResult('failed').as('failed'),
        affected.as('affected'),
      ])
      .orderBy(sql`sum(case when baseline_results.result = 'failed' then 1 - ${ignored} else 0 end)`, 'desc')
      .orderBy(sql`min(${SEVERITY_RANK})`)
      .orderBy('policy_id')
      .orderBy('check_id'),
  );
  return {
    total,
    items: rows.map((row) => {
      const hosts = Number(row.hosts);
      const passed = Number(row.passed);
      const failed = Number(row.failed);
      const affectedHosts = Number(row.affected);
      return {
        policyId: row.policy_id,
        checkId: row.check_id,
        title: row.title,
        severity: row.severity as Severity,
        hosts,
        passed,
        failed,
        notApplicable: hosts - passed - failed,
        affectedHosts,
        ignoredHosts: failed - affectedHosts,
        passRate: passed + failed === 0 ? null : passed / (passed + failed),
      };
    }),
  };
}

/** Every policy with results in the tenant (or on one host: its pass rate per policy), by policy id. */
export async function summarizeBaselinePolicies(scope: TenantScope, filter: { hostId?: string | undefined } = {}): Promise<BaselinePolicySummary[]> {
  const ignored = ignoredExpression(scope.now());
  let query = scope.selectFrom('baseline_results');
  if (filter.hostId) query = query.where('host_id', '=', filter.hostId);
  const rows = await query
    .groupBy('policy_id')
    .select((eb) => [
      'policy_id',
      eb.fn.countAll<number>().as('results'),
      eb.fn.count<number>('check_id').distinct().as('checks'),
      eb.fn.count<number>('host_id').distinct().as('hosts'),
      sql<number>`sum(case when baseline_results.result = 'passed' then 1 else 0 end)`.as('passed'),
      sql<number>`sum(case when baseline_results.result = 'failed' then 1 else 0 end)`.as('failed'),
      sql<number>`sum(case when baseline_results.result = 'failed' then 1 - ${ignored} else 0 end)`.as('affected'),
    ])
    .orderBy('policy_id')
    .execute();
  return rows.map((row) => {
    const passed = Number(row.passed);
    const failed = Number(row.failed);
    return {
      policyId: row.policy_id,
      checks: Number(row.checks),
      hosts: Number(row.hosts),
      passed,
      failed,
      notApplicable: Number(row.results) - passed - failed,
      affected: Number(row.affected),
      passRate: passed + failed === 0 ? null : passed / (passed + failed),
    };
  });
}

function presentRun(row: Selectable<BaselineRunTable>): BaselineRun {
  return {
    hostId: row.host_id,
    at: row.at,
    receivedAt: row.received_at,
    policies: JSON.parse(row.policies) as string[],
    passed: Number(row.passed),
    failed: Number(row.failed),
    notApplicable: Number(row.not_applicable),
    error: Number(row.error),
    failedChecks: JSON.parse(row.failed_checks) as string[],
  };
}

/** A host's runs, newest first. */
export async function listBaselineRuns(scope: TenantScope, hostId: string, page: Page): Promise<{ items: BaselineRun[]; total: number }> {
  const query = scope.selectFrom('baseline_runs').where('host_id', '=', hostId);
  const { rows, total } = await pageWithTotal(query, page, (filtered) => filtered.selectAll().orderBy('at', 'desc').orderBy('id', 'desc'));
  return { items: rows.map(presentRun), total };
}
