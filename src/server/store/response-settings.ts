// Each tenant's response setting: whether login detections block their source automatically,
// for how long, which detections do, and the networks never blocked. A tenant without a row has
// the defaults: automatic blocking off.
import type { Kysely } from 'kysely';
import type { ResponseSettings, UpdateResponseSettings } from '../../model/response.js';
import type { LoginDetectionType } from '../../model/login.js';
import type { Database } from './schema.js';
import type { TenantScope } from './tenant-scope.js';

export const DEFAULT_RESPONSE_SETTINGS: ResponseSettings = {
  autoBlock: false,
  blockSeconds: 3600,
  triggers: ['brute_force', 'password_cracked'],
  managementCidrs: [],
  updatedBy: null,
  updatedAt: null,
};

export async function tenantResponseSettings(db: Kysely<Database>, tenantId: string): Promise<ResponseSettings> {
  const row = await db.selectFrom('response_settings').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!row) return DEFAULT_RESPONSE_SETTINGS;
  return {
    autoBlock: Number(row.auto_block) === 1,
    blockSeconds: Number(row.block_seconds),
    triggers: JSON.parse(row.triggers) as LoginDetectionType[],
    managementCidrs: JSON.parse(row.management_cidrs) as string[],
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

export async function getResponseSettings(scope: TenantScope): Promise<ResponseSettings> {
  return tenantResponseSettings(scope.db, scope.tenantId);
}

export async function saveResponseSettings(scope: TenantScope, input: UpdateResponseSettings, by: string): Promise<ResponseSettings> {
  const values = {
    auto_block: input.autoBlock ? 1 : 0,
    block_seconds: input.blockSeconds,
    triggers: JSON.stringify([...new Set(input.triggers)]),
    management_cidrs: JSON.stringify([...new Set(input.managementCidrs)]),
    updated_by: by,
    updated_at: scope.now(),
  };
  await scope.db
    .insertInto('response_settings')
    .values({ tenant_id: scope.tenantId, ...values })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
    .execute();
  return getResponseSettings(scope);
}
