// Browser sessions: a random cookie value, stored as its digest, valid for a fixed time.
import type { Kysely } from 'kysely';
import { digestSecret, newSecret } from '../auth/secrets.js';
import type { Database } from './schema.js';

export const SESSION_HOURS = 12;

export async function createSession(db: Kysely<Database>, user: { id: string; tenant_id: string }, now: Date): Promise<string> {
  const token = newSecret('session');
  await db
    .insertInto('sessions')
    .values({
      token_hash: digestSecret(token),
      user_id: user.id,
      tenant_id: user.tenant_id,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
    })
    .execute();
  return token;
}

export async function findSessionUserId(db: Kysely<Database>, token: string, now: Date): Promise<string | null> {
  const row = await db
    .selectFrom('sessions')
    .select('user_id')
    .where('token_hash', '=', digestSecret(token))
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return row?.user_id ?? null;
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', digestSecret(token)).execute();
}

/** Ends every session of a user (after a password change, or when disabled). */
export async function deleteUserSessions(db: Kysely<Database>, userId: string, except?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (except) query = query.where('token_hash', '!=', digestSecret(except));
  await query.execute();
}
