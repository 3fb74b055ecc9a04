// A tenant's login detection settings: one row holding its whole LoginDetectionConfig, written
// only after validation. A tenant without a row runs on the defaults. Fields added to the config
// later take their defaults, because a stored config is layered over the defaults when read.
import type { Kysely } from 'kysely';
import { defaultLoginDetectionConfig, loadLoginDetectionConfig } from '../../engines/login/config.js';
import type { LoginDetectionConfig, LoginDetectionSettings } from '../../model/login.js';
import type { Database } from './schema.js';
import type { TenantScope } from './tenant-scope.js';

interface StoredSettings {
  readonly config: string;
  readonly updated_by: string | null;
  readonly updated_at: string;
}

/** The config a stored row holds; the defaults (and a reason) when it no longer validates. */
function configOf(row: StoredSettings | undefined): { config: LoginDetectionConfig; problem: string | null } {
  if (!row) return { config: defaultLoginDetectionConfig, problem: null };
  let stored: unknown;
  try {
    stored = JSON.parse(row.config);
  } catch {
    return { config: defaultLoginDetectionConfig, problem: 'stored login detection settings are not JSON' };
  }
  const loaded = loadLoginDetectionConfig(stored);
  return loaded.ok ? { config: loaded.config, problem: null } : { config: defaultLoginDetectionConfig, problem: loaded.errors.join('; ') };
}

export async function getLoginDetectionSettings(scope: TenantScope): Promise<LoginDetectionSettings> {
  const row = await scope.selectFrom('login_detection_settings').select(['config', 'updated_by', 'updated_at']).executeTakeFirst();
  return { config: configOf(row).config, defaults: defaultLoginDetectionConfig, updatedAt: row?.updated_at ?? null, updatedBy: row?.updated_by ?? null };
}

export async function saveLoginDetectionSettings(scope: TenantScope, config: LoginDetectionConfig, by: string): Promise<LoginDetectionSettings> {
  const row = { config: JSON.stringify(config), updated_by: by, updated_at: scope.now() };
  await scope
    .insertInto('login_detection_settings', row)
    .onConflict((conflict) => conflict.column('tenant_id').doUpdateSet(row))
    .execute();
  return { config, defaults: defaultLoginDetectionConfig, updatedAt: row.updated_at, updatedBy: by };
}

/** For ingestion, which has a host's tenant rather than a user's scope. */
export async function tenantLoginDetectionConfig(db: Kysely<Database>, tenantId: string): Promise<{ config: LoginDetectionConfig; problem: string | null }> {
  const row = await db.selectFrom('login_detection_settings').select(['config', 'updated_by', 'updated_at']).where('tenant_id', '=', tenantId).executeTakeFirst();
  return configOf(row);
}
