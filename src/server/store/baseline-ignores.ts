// Ignore rules on baseline checks: "this check does not apply to us" (for one host, the members of
// a host group, or all), with a reason and an optional expiry. Group membership is read in the
// same query as the results, so a host added to the group is covered from then on. An ignored
// failing check raises no event and shows as ignored; the
// result itself is still stored, so lifting the rule shows the truth at once.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely, RawBuilder, Selectable } from 'kysely';
import type { BaselineIgnoreRule } from '../../model/baseline-api.js';
import type { BaselineIgnoreTable, Database } from './schema.js';
import type { TenantScope } from './tenant-scope.js';

function presentRule(row: Selectable<BaselineIgnoreTable>): BaselineIgnoreRule {
  return {
    id: row.id,
    policyId: row.policy_id,
    checkId: row.check_id,
    hostId: row.host_id,
    hostGroupId: row.host_group_id,
    reason: row.reason,
    expiresAt: row.expires_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/**
 * 1 when an unexpired rule of the row's tenant covers `baseline_results` row's check on its host,
 * else 0 (an integer on both databases, so it can be summed).
 */
export function ignoredExpression(now: string): RawBuilder<number> {
  return sql<number>`case when exists (select 1 from baseline_ignores bi where bi.tenant_id = baseline_results.tenant_id and bi.policy_id = baseline_results.policy_id and bi.check_id = baseline_results.check_id and (bi.host_id is null or bi.host_id = baseline_results.host_id) and (bi.host_group_id is null or exists (select 1 from host_group_members hgm where hgm.group_id = bi.host_group_id and hgm.host_id = baseline_results.host_id)) and (bi.expires_at is null or bi.expires_at > ${now})) then 1 else 0 end`;
}

/** `policyId/checkId` of the checks ignored on this host at `at` (for ingestion). */
export async function ignoredChecks(db: Kysely<Database>, host: { id: string; tenant_id: string }, at: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('baseline_ignores')
    .select(['policy_id', 'check_id'])
    .where('tenant_id', '=', host.tenant_id)
    .where((eb) => eb.or([eb('host_id', 'is', null), eb('host_id', '=', host.id)]))
    .where((eb) => eb.or([eb('host_group_id', 'is', null), eb('host_group_id', 'in', eb.selectFrom('host_group_members').select('group_id').where('host_id', '=', host.id))]))
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]))
    .execute();
  return new Set(rows.map((row) => `${row.policy_id}/${row.check_id}`));
}

export async function createIgnoreRule(
  scope: TenantScope,
  input: { policyId: string; checkId: string; hostId: string | null; hostGroupId?: string | null; reason: string; expiresAt: string | null; createdBy: string | null },
): Promise<BaselineIgnoreRule> {
  const row = {
    id: randomUUID(),
    policy_id: input.policyId,
    check_id: input.checkId,
    host_id: input.hostId,
    host_group_id: input.hostGroupId ?? null,
    reason: input.reason,
    // Stored in UTC so expiry compares as text on both databases.
    expires_at: input.expiresAt === null ? null : new Date(input.expiresAt).toISOString(),
    created_by: input.createdBy,
    created_at: scope.now(),
  };
  await scope.insertInto('baseline_ignores', row).execute();
  return presentRule({ ...row, tenant_id: scope.tenantId });
}

export async function listIgnoreRules(scope: TenantScope, filter: { policyId?: string | undefined; checkId?: string | undefined; hostId?: string | undefined }): Promise<BaselineIgnoreRule[]> {
  let query = scope.selectFrom('baseline_ignores').selectAll();
  if (filter.policyId) query = query.where('policy_id', '=', filter.policyId);
  if (filter.checkId) query = query.where('check_id', '=', filter.checkId);
  if (filter.hostId) query = query.where('host_id', '=', filter.hostId);
  return (await query.orderBy('created_at', 'desc').orderBy('id').execute()).map(presentRule);
}

/** Deletes one rule of this tenant; returns it, or null when the tenant has no such rule. */
export async function deleteIgnoreRule(scope: TenantScope, id: string): Promise<BaselineIgnoreRule | null> {
  const row = await scope.selectFrom('baseline_ignores').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  await scope.deleteFrom('baseline_ignores').where('id', '=', id).execute();
  return presentRule(row);
}
