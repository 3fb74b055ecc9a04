// The event stream. A repeat of a pending event (same host, type and dedupe key) counts on the
// existing event instead of adding a row, so a brute force of 10,000 attempts is one event.
import type { Kysely, Selectable } from 'kysely';
import type { EventStatus, Severity } from '../../model/common.js';
import type { SecurityEvent } from '../../model/event.js';
import type { Database, EventTable } from './schema.js';
import type { TenantScope } from './tenant-scope.js';
import { containsText } from './contains-text.js';
import { pageWithTotal } from './page-with-total.js';
import type { Page } from './page-with-total.js';

export interface NewEvent {
  readonly type: string;
  readonly severity: Severity;
  readonly title: string;
  readonly dedupeKey: string;
  readonly details: Record<string, unknown>;
}

export async function raiseEvent(db: Kysely<Database>, host: { id: string; tenant_id: string }, event: NewEvent, at: string): Promise<number> {
  const open = await db
    .selectFrom('events')
    .select(['id'])
    .where('tenant_id', '=', host.tenant_id)
    .where('host_id', '=', host.id)
    .where('type', '=', event.type)
    .where('dedupe_key', '=', event.dedupeKey)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (open) {
    await db
      .updateTable('events')
      .set((eb) => ({ count: eb('count', '+', 1), last_seen: at, details: JSON.stringify(event.details), severity: event.severity }))
      .where('id', '=', open.id)
      .execute();
    return Number(open.id);
  }
  const inserted = await db
    .insertInto('events')
    .values({
      tenant_id: host.tenant_id,
      host_id: host.id,
      type: event.type,
      severity: event.severity,
      status: 'pending',
      title: event.title,
      details: JSON.stringify(event.details),
      dedupe_key: event.dedupeKey,
      count: 1,
      first_seen: at,
      last_seen: at,
      status_changed_by: null,
      status_changed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(inserted.id);
}

function presentEvent(row: Selectable<EventTable> & { hostname: string | null }): SecurityEvent {
  return {
    id: Number(row.id),
    hostId: row.host_id,
    hostname: row.hostname,
    type: row.type,
    severity: row.severity as Severity,
    status: row.status as EventStatus,
    title: row.title,
    details: JSON.parse(row.details) as Record<string, unknown>,
    count: Number(row.count),
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    statusChangedBy: row.status_changed_by,
    statusChangedAt: row.status_changed_at,
  };
}

export interface EventFilter {
  readonly hostId?: string | undefined;
  readonly type?: string | undefined;
  readonly severity?: Severity | undefined;
  readonly status?: EventStatus | undefined;
  readonly q?: string | undefined;
}

export async function listEvents(scope: TenantScope, filter: EventFilter, page: Page) {
  let query = scope.selectFrom('events').leftJoin('hosts', 'hosts.id', 'events.host_id');
  if (filter.hostId) query = query.where('events.host_id', '=', filter.hostId);
  if (filter.type) query = query.where('events.type', '=', filter.type);
  if (filter.severity) query = query.where('events.severity', '=', filter.severity);
  if (filter.status) query = query.where('events.status', '=', filter.status);
  if (filter.q) query = query.where(containsText('events.title', filter.q));
  const { rows, total } = await pageWithTotal(query, page, (filtered) => filtered.selectAll('events').select('hosts.hostname').orderBy('events.last_seen', 'desc').orderBy('events.id', 'desc'));
  return { items: rows.map(presentEvent), total };
}

export async function getEvent(scope: TenantScope, id: number): Promise<SecurityEvent | null> {
  const row = await scope.selectFrom('events').leftJoin('hosts', 'hosts.id', 'events.host_id').selectAll('events').select('hosts.hostname').where('events.id', '=', id).executeTakeFirst();
  return row ? presentEvent(row) : null;
}

/** Sets the status of the given events of this tenant; returns the ids it changed. */
export async function setEventStatus(scope: TenantScope, ids: readonly number[], status: EventStatus, by: string): Promise<number[]> {
  const rows = await scope.selectFrom('events').select('id').where('id', 'in', [...ids]).execute();
  const found = rows.map((row) => Number(row.id));
  if (found.length > 0) await scope.updateTable('events').set({ status, status_changed_by: by, status_changed_at: scope.now() }).where('id', 'in', found).execute();
  return found;
}
