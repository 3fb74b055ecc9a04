// Enrollment tokens: what an operator hands to `palisade agent --enroll-token` on a new host.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { EnrollmentToken } from '../../model/host.js';
import { digestSecret, newSecret } from '../auth/secrets.js';
import type { Database, EnrollmentTokenTable } from './schema.js';
import type { TenantScope } from './tenant-scope.js';

function presentEnrollmentToken(row: Selectable<EnrollmentTokenTable>): EnrollmentToken {
  return {
    id: row.id,
    name: row.name,
    tokenPrefix: row.token_prefix,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    usedCount: Number(row.used_count),
  };
}

export async function createEnrollmentToken(
  scope: TenantScope,
  input: { name: string; expiresInHours?: number | undefined; createdBy: string | null },
): Promise<EnrollmentToken & { token: string }> {
  const token = newSecret('enroll');
  const now = scope.clock();
  const row = {
    id: randomUUID(),
    name: input.name,
    token_hash: digestSecret(token),
    token_prefix: token.slice(0, 10),
    created_by: input.createdBy,
    created_at: now.toISOString(),
    expires_at: input.expiresInHours ? new Date(now.getTime() + input.expiresInHours * 3600_000).toISOString() : null,
    revoked_at: null,
    used_count: 0,
  };
  await scope.insertInto('enrollment_tokens', row).execute();
  return { ...presentEnrollmentToken({ ...row, tenant_id: scope.tenantId }), token };
}

export async function listEnrollmentTokens(scope: TenantScope): Promise<EnrollmentToken[]> {
  const rows = await scope.selectFrom('enrollment_tokens').selectAll().orderBy('created_at', 'desc').execute();
  return rows.map(presentEnrollmentToken);
}

export async function getEnrollmentToken(scope: TenantScope, id: string): Promise<EnrollmentToken | null> {
  const row = await scope.selectFrom('enrollment_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? presentEnrollmentToken(row) : null;
}

export async function revokeEnrollmentToken(scope: TenantScope, id: string): Promise<EnrollmentToken | null> {
  await scope.updateTable('enrollment_tokens').set({ revoked_at: scope.now() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  return getEnrollmentToken(scope, id);
}

/** The token row for a live (unrevoked, unexpired) enrollment secret, or null. */
export async function findLiveEnrollmentToken(db: Kysely<Database>, secret: string, now: Date): Promise<Selectable<EnrollmentTokenTable> | null> {
  const row = await db
    .selectFrom('enrollment_tokens')
    .selectAll()
    .where('token_hash', '=', digestSecret(secret))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row || (row.expires_at !== null && row.expires_at <= now.toISOString())) return null;
  return row;
}
