// First start: a store without users gets the `default` tenant and the `admin` user, with the
// password from PALISADE_ADMIN_PASSWORD or a random one-time password that must be changed at
// first login.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { hashPassword } from './auth/passwords.js';
import type { Database } from './store/schema.js';
import { TenantScope } from './store/tenant-scope.js';
import type { Clock } from './store/tenant-scope.js';
import { createTenant, findTenantByName } from './store/tenants.js';
import { createUser } from './store/users.js';

export const DEFAULT_TENANT = 'default';
export const ADMIN_USERNAME = 'admin';

export interface BootstrapResult {
  readonly tenantId: string;
  /** Set only when this start created the admin with a generated password. */
  readonly oneTimePassword?: string;
  readonly createdAdmin: boolean;
}

export async function bootstrap(db: Kysely<Database>, clock: Clock, adminPassword: string | undefined): Promise<BootstrapResult> {
  const existingTenant = await findTenantByName(db, DEFAULT_TENANT);
  const anyUser = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  const tenant = existingTenant ?? (await createTenant(db, DEFAULT_TENANT, clock()));
  if (anyUser) return { tenantId: tenant.id, createdAdmin: false };
  const generated = adminPassword ? undefined : randomBytes(12).toString('base64url');
  await createUser(new TenantScope(db, tenant.id, clock), {
    username: ADMIN_USERNAME,
    passwordHash: await hashPassword(adminPassword ?? generated!),
    role: 'platform_security',
    mustChangePassword: generated !== undefined,
  });
  return generated ? { tenantId: tenant.id, oneTimePassword: generated, createdAdmin: true } : { tenantId: tenant.id, createdAdmin: true };
}
