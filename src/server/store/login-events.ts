// Login attempts as agents report them, and the windows detections read: every attempt of a
// tenant from one source, or against one account, since a time; one account's past successes
// on a host (where it logged in from before).
import type { Kysely, Selectable } from 'kysely';
import type { LoginEvent, LoginReason } from '../../model/login.js';
import type { Database, LoginEventTable } from './schema.js';

/** A stored attempt as the detectors and the whitelist see it. */
export interface StoredLogin {
  readonly id: number;
  readonly hostId: string;
  readonly event: LoginEvent;
}

/** At most this many past sources are read for one account's history. */
export const HISTORY_ROW_LIMIT = 5000;

export async function recordLoginEvent(db: Kysely<Database>, host: { id: string; tenant_id: string }, event: LoginEvent, at: string): Promise<StoredLogin> {
  const time = event.time === null ? at : new Date(event.time).toISOString();
  const inserted = await db
    .insertInto('login_events')
    .values({
      tenant_id: host.tenant_id,
      host_id: host.id,
      time,
      type: event.type,
      service: event.service,
      reason: event.reason,
      method: event.type === 'success' ? event.reason : null,
      username: event.user,
      source_ip: event.sourceIp,
      source_port: event.sourcePort,
      log_host: event.host,
      file: event.file,
      line: event.line,
      received_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(inserted.id), hostId: host.id, event: { ...event, time } };
}

function present(row: Selectable<LoginEventTable>): StoredLogin {
  return {
    id: Number(row.id),
    hostId: row.host_id,
    event: {
      type: row.type as LoginEvent['type'],
      service: row.service,
      reason: row.reason as LoginReason,
      user: row.username,
      sourceIp: row.source_ip,
      sourcePort: row.source_port === null ? null : Number(row.source_port),
      host: row.log_host,
      time: row.time,
      file: row.file,
      line: Number(row.line),
    },
  };
}

/** The tenant's newest `limit` attempts matching `column = value` in [since, until], oldest first. */
export async function loginWindow(
  db: Kysely<Database>,
  tenantId: string,
  by: { column: 'source_ip' | 'username'; value: string },
  since: string,
  until: string,
  limit: number,
): Promise<StoredLogin[]> {
  const rows = await db
    .selectFrom('login_events')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where(by.column, '=', by.value)
    .where('time', '>=', since)
    .where('time', '<=', until)
    .orderBy('time', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse().map(present);
}

/** Sources an account logged in from on a host before this attempt (newest first, bounded). */
export async function pastLoginSources(db: Kysely<Database>, hostId: string, user: string, beforeId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('login_events')
    .select('source_ip')
    .distinct()
    .where('host_id', '=', hostId)
    .where('username', '=', user)
    .where('type', '=', 'success')
    .where('id', '<', beforeId)
    .where('source_ip', 'is not', null)
    .limit(HISTORY_ROW_LIMIT)
    .execute();
  return rows.map((row) => row.source_ip as string);
}

/** Whether the account had any successful login on the host before this attempt. */
export async function hasPastLogin(db: Kysely<Database>, hostId: string, user: string, beforeId: number): Promise<boolean> {
  const row = await db.selectFrom('login_events').select('id').where('host_id', '=', hostId).where('username', '=', user).where('type', '=', 'success').where('id', '<', beforeId).limit(1).executeTakeFirst();
  return row !== undefined;
}
