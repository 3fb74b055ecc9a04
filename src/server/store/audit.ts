// The audit log: one row for every change a user (or token) makes, written by the route layer.
import type { Selectable } from 'kysely';
import type { AuditEntry } from '../../model/account.js';
import { pageWithTotal } from './page-with-total.js';
import type { Page } from './page-with-total.js';
import type { AuditLogTable } from './schema.js';
import type { TenantScope } from './tenant-scope.js';

export interface AuditRecord {
  readonly actorId: string | null;
  readonly actorName: string;
  readonly action: string;
  readonly targetType: string;
  readonly targetId?: string | null;
  readonly details?: Record<string, unknown>;
  readonly sourceIp?: string | null;
}

export async function recordAudit(scope: TenantScope, record: AuditRecord): Promise<void> {
  await scope
    .insertInto('audit_log', {
      actor_id: record.actorId,
      actor_name: record.actorName,
      action: record.action,
      target_type: record.targetType,
      target_id: record.targetId ?? null,
      details: JSON.stringify(record.details ?? {}),
      source_ip: record.sourceIp ?? null,
      at: scope.now(),
    })
    .execute();
}

function presentAudit(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: Number(row.id),
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    details: JSON.parse(row.details) as Record<string, unknown>,
    sourceIp: row.source_ip,
    at: row.at,
  };
}

export async function listAudit(scope: TenantScope, page: Page, filter: { action?: string | undefined }) {
  let query = scope.selectFrom('audit_log');
  if (filter.action) query = query.where('action', '=', filter.action);
  const { rows, total } = await pageWithTotal(query, page, (filtered) => filtered.selectAll().orderBy('id', 'desc'));
  return { items: rows.map(presentAudit), total };
}
