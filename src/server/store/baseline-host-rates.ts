// The fleet's pass rate per host: each host's latest results (of one policy, or of all), with the
// failing ones no ignore rule covers, worst first.
import { sql } from 'kysely';
import type { BaselineHostSummary } from '../../model/baseline-schedule.js';
import { ignoredExpression } from './baseline-ignores.js';
import { pageOfGroups } from './page-with-total.js';
import type { Page } from './page-with-total.js';
import type { TenantScope } from './tenant-scope.js';

export async function summarizeBaselineHosts(scope: TenantScope, filter: { policyId?: string | undefined }, page: Page): Promise<{ items: BaselineHostSummary[]; total: number }> {
  const ignored = ignoredExpression(scope.now());
  const passed = sql<number>`sum(case when baseline_results.result = 'passed' then 1 else 0 end)`;
  const failed = sql<number>`sum(case when baseline_results.result = 'failed' then 1 else 0 end)`;
  let query = scope.selectFrom('baseline_results').innerJoin('hosts', 'hosts.id', 'baseline_results.host_id');
  if (filter.policyId) query = query.where('baseline_results.policy_id', '=', filter.policyId);
  const grouped = query.groupBy(['baseline_results.host_id', 'hosts.hostname']);
  // Worst first: the lowest pass rate (hosts with nothing answered last), then by name.
  const rate = sql<number>`case when ${passed} + ${failed} = 0 then 2.0 else 1.0 * ${passed} / (${passed} + ${failed}) end`;
  const { rows, total } = await pageOfGroups(scope.db, grouped, page, (groups) =>
    groups
      .select((eb) => [
        'baseline_results.host_id',
        'hosts.hostname',
        eb.fn.countAll<number>().as('results'),
        passed.as('passed'),
        failed.as('failed'),
        sql<number>`sum(case when baseline_results.result = 'failed' then 1 - ${ignored} else 0 end)`.as('affected'),
        eb.fn.max('baseline_results.checked_at').as('checked_at'),
      ])
      .orderBy(rate)
      .orderBy('hosts.hostname')
      .orderBy('baseline_results.host_id'),
  );
  return {
    total,
    items: rows.map((row) => {
      const passedCount = Number(row.passed);
      const failedCount = Number(row.failed);
      return {
        hostId: row.host_id,
        hostname: row.hostname,
        passed: passedCount,
        failed: failedCount,
        notApplicable: Number(row.results) - passedCount - failedCount,
        affected: Number(row.affected),
        passRate: passedCount + failedCount === 0 ? null : passedCount / (passedCount + failedCount),
        lastCheckedAt: String(row.checked_at),
      };
    }),
  };
}
