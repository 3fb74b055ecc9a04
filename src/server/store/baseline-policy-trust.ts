// Which baseline policies a tenant trusts to run their `c:` command rules on its agents. Nothing is
// trusted until an operator says so (see the API's summary for why); a policy set back to
// untrusted keeps its row, so the console shows who revoked it and when.
import type { Kysely } from 'kysely';
import type { BaselinePolicyTrust } from '../../model/baseline-schedule.js';
import type { Database } from './schema.js';
import type { TenantScope } from './tenant-scope.js';

export async function listPolicyTrust(scope: TenantScope): Promise<BaselinePolicyTrust[]> {
  const rows = await scope.selectFrom('baseline_policy_trust').selectAll().orderBy('policy_id').execute();
  return rows.map((row) => ({ policyId: row.policy_id, trusted: Number(row.trusted) === 1, changedBy: row.changed_by, changedAt: row.changed_at }));
}

export async function setPolicyTrust(scope: TenantScope, policyId: string, trusted: boolean, changedBy: string | null): Promise<BaselinePolicyTrust> {
  const row = { policy_id: policyId, trusted: trusted ? 1 : 0, changed_by: changedBy, changed_at: scope.now() };
  await scope
    .insertInto('baseline_policy_trust', row)
    .onConflict((oc) => oc.columns(['tenant_id', 'policy_id']).doUpdateSet({ trusted: row.trusted, changed_by: row.changed_by, changed_at: row.changed_at }))
    .execute();
  return { policyId, trusted, changedBy, changedAt: row.changed_at };
}

/** The ids the tenant's agents may run command rules of, sorted. */
export async function trustedPolicyIds(db: Kysely<Database>, tenantId: string): Promise<string[]> {
  const rows = await db.selectFrom('baseline_policy_trust').select('policy_id').where('tenant_id', '=', tenantId).where('trusted', '=', 1).orderBy('policy_id').execute();
  return rows.map((row) => row.policy_id);
}
