// Whitelist rules of a tenant: created, listed and deleted by analysts; read by the login
// processor at every detection, and applied to past pending events on request. A rule's host
// groups are resolved to their members each time rules are read for applying, never stored.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { whitelistMatches, type WhitelistRule } from '../../engines/login/whitelist.js';
import { LoginDetectionType } from '../../model/login.js';
import type { CreateWhitelist, Whitelist } from '../../model/whitelist.js';
import { setEventStatus } from './events.js';
import { memberHostsOf } from './host-groups.js';
import type { Database, WhitelistTable } from './schema.js';
import type { TenantScope } from './tenant-scope.js';

function present(row: Selectable<WhitelistTable>): Whitelist {
  return {
    id: row.id,
    name: row.name,
    source: row.source,
    user: row.username,
    hostIds: JSON.parse(row.host_ids) as string[],
    hostGroupIds: JSON.parse(row.host_group_ids) as string[],
    hours: row.hours_from === null || row.hours_to === null ? null : { from: Number(row.hours_from), to: Number(row.hours_to) },
    expiresAt: row.expires_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

export async function createWhitelist(scope: TenantScope, input: Omit<CreateWhitelist, 'hostGroupIds'> & { hostGroupIds?: readonly string[] }, createdBy: string): Promise<Whitelist> {
  const row = {
    id: randomUUID(),
    name: input.name,
    source: input.source,
    username: input.user,
    host_ids: JSON.stringify(input.hostIds),
    host_group_ids: JSON.stringify(input.hostGroupIds ?? []),
    hours_from: input.hours?.from ?? null,
    hours_to: input.hours?.to ?? null,
    expires_at: input.expiresAt,
    created_by: createdBy,
    created_at: scope.now(),
  };
  await scope.insertInto('whitelists', row).execute();
  return present({ ...row, tenant_id: scope.tenantId });
}

export async function listWhitelists(scope: TenantScope): Promise<Whitelist[]> {
  const rows = await scope.selectFrom('whitelists').selectAll().orderBy('created_at', 'asc').orderBy('id', 'asc').execute();
  return rows.map(present);
}

export async function getWhitelist(scope: TenantScope, id: string): Promise<Whitelist | null> {
  const row = await scope.selectFrom('whitelists').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? present(row) : null;
}

export async function deleteWhitelist(scope: TenantScope, id: string): Promise<Whitelist | null> {
  const found = await getWhitelist(scope, id);
  if (found) await scope.deleteFrom('whitelists').where('id', '=', id).execute();
  return found;
}

/** The rules with the members their host groups have now: what applying them covers. */
export async function withGroupHosts(db: Kysely<Database>, tenantId: string, rules: readonly Whitelist[]): Promise<(Whitelist & WhitelistRule)[]> {
  const members = await memberHostsOf(db, tenantId, rules.flatMap((rule) => rule.hostGroupIds));
  return rules.map((rule) => (rule.hostGroupIds.length === 0 ? rule : { ...rule, groupHosts: new Set(rule.hostGroupIds.flatMap((id) => [...(members.get(id) ?? [])])) }));
}

/** The rules of a tenant, for ingestion (which has a host, not a user's scope). */
export async function tenantWhitelists(db: Kysely<Database>, tenantId: string): Promise<(Whitelist & WhitelistRule)[]> {
  const rows = await db.selectFrom('whitelists').selectAll().where('tenant_id', '=', tenantId).execute();
  return withGroupHosts(db, tenantId, rows.map(present));
}

/** Marks the tenant's pending login events the rule covers as `whitelisted`; returns their ids. */
export async function applyWhitelist(scope: TenantScope, stored: Whitelist, by: string): Promise<number[]> {
  const [rule] = await withGroupHosts(scope.db, scope.tenantId, [stored]);
  const rows = await scope
    .selectFrom('events')
    .select(['id', 'host_id', 'details', 'last_seen'])
    .where('status', '=', 'pending')
    .where('type', 'in', [...LoginDetectionType.options])
    .execute();
  const covered = rows.filter((row) => {
    const details = JSON.parse(row.details) as { sourceIp?: unknown; user?: unknown; lastSeen?: unknown };
    return whitelistMatches(rule!, {
      sourceIp: typeof details.sourceIp === 'string' ? details.sourceIp : null,
      user: typeof details.user === 'string' ? details.user : null,
      hostId: row.host_id ?? '',
      at: Date.parse(typeof details.lastSeen === 'string' ? details.lastSeen : row.last_seen),
    });
  });
  return covered.length === 0 ? [] : setEventStatus(scope, covered.map((row) => Number(row.id)), 'whitelisted', by);
}
