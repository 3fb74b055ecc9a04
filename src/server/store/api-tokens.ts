// API tokens for automation (`Authorization: Bearer pat_…`): a role no stronger than their creator's.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { ApiToken, Role } from '../../model/account.js';
import { digestSecret, newSecret } from '../auth/secrets.js';
import type { ApiTokenTable, Database } from './schema.js';
import type { TenantScope } from './tenant-scope.js';

function presentApiToken(row: Selectable<ApiTokenTable>): ApiToken {
  return { id: row.id, name: row.name, role: row.role as Role, createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at };
}

export async function createApiToken(scope: TenantScope, userId: string, name: string, role: Role): Promise<ApiToken & { token: string }> {
  const token = newSecret('api');
  const row = { id: randomUUID(), user_id: userId, name, token_hash: digestSecret(token), role, created_at: scope.now(), last_used_at: null, revoked_at: null };
  await scope.insertInto('api_tokens', row).execute();
  return { ...presentApiToken({ ...row, tenant_id: scope.tenantId }), token };
}

export async function listApiTokens(scope: TenantScope): Promise<ApiToken[]> {
  const rows = await scope.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc').execute();
  return rows.map(presentApiToken);
}

export async function revokeApiToken(scope: TenantScope, id: string): Promise<ApiToken | null> {
  await scope.updateTable('api_tokens').set({ revoked_at: scope.now() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  const row = await scope.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? presentApiToken(row) : null;
}

/** The live token for a bearer secret, or null; records its use. */
export async function findApiToken(db: Kysely<Database>, secret: string, now: Date): Promise<Selectable<ApiTokenTable> | null> {
  const row = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', digestSecret(secret)).where('revoked_at', 'is', null).executeTakeFirst();
  if (!row) return null;
  await db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
  return row;
}
