// Protected hosts. Status is derived when read: a host is online while its last heartbeat is
// recent, offline after missed heartbeats, uninstalled once its agent said goodbye.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Host, HostIdentity, HostStatus } from '../../model/host.js';
import type { HostGroupRef } from '../../model/host-group.js';
import { digestSecret, newSecret } from '../auth/secrets.js';
import type { Database, HostTable } from './schema.js';
import type { TenantScope } from './tenant-scope.js';
import { containsText } from './contains-text.js';
import { groupsOfHosts } from './host-groups.js';
import { pageWithTotal } from './page-with-total.js';
import type { Page } from './page-with-total.js';

export type HostRow = Selectable<HostTable>;

export const DEFAULT_PROTECTION_PLAN = 'standard';

export function hostStatus(row: Pick<HostRow, 'last_seen_at' | 'uninstalled_at'>, now: Date, offlineAfterMs: number): HostStatus {
  if (row.uninstalled_at) return 'uninstalled';
  return now.getTime() - Date.parse(row.last_seen_at) <= offlineAfterMs ? 'online' : 'offline';
}

export function presentHost(row: HostRow, now: Date, offlineAfterMs: number, groups: readonly HostGroupRef[] = []): Host {
  return {
    id: row.id,
    machineId: row.machine_id,
    hostname: row.hostname,
    status: hostStatus(row, now, offlineAfterMs),
    ips: JSON.parse(row.ips) as string[],
    osName: row.os_name,
    osVersion: row.os_version,
    kernel: row.kernel,
    arch: row.arch,
    agentVersion: row.agent_version,
    components: JSON.parse(row.components) as string[],
    protectionPlan: row.protection_plan,
    installedAt: row.installed_at,
    lastSeenAt: row.last_seen_at,
    groups: [...groups],
  };
}

function identityColumns(host: HostIdentity) {
  return {
    hostname: host.hostname,
    ips: JSON.stringify(host.ips),
    os_name: host.osName,
    os_version: host.osVersion,
    kernel: host.kernel,
    arch: host.arch,
    agent_version: host.agentVersion,
    components: JSON.stringify(host.components),
  };
}

/**
 * Registers (or re-registers) a host for a tenant and issues a fresh agent credential. A host
 * enrolled again (same machine-id) keeps its id and history; its old credential stops working.
 */
export async function enrollHost(
  db: Kysely<Database>,
  input: { tenantId: string; host: HostIdentity; enrollTokenId: string; now: Date },
): Promise<{ hostId: string; credential: string }> {
  const credential = newSecret('agent');
  const now = input.now.toISOString();
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('hosts')
      .select('id')
      .where('tenant_id', '=', input.tenantId)
      .where('machine_id', '=', input.host.machineId)
      .executeTakeFirst();
    const hostId = existing?.id ?? randomUUID();
    if (existing) {
      await trx
        .updateTable('hosts')
        .set({ ...identityColumns(input.host), credential_hash: digestSecret(credential), enrolled_with: input.enrollTokenId, installed_at: now, last_seen_at: now, uninstalled_at: null })
        .where('id', '=', hostId)
        .execute();
    } else {
      await trx
        .insertInto('hosts')
        .values({
          id: hostId,
          tenant_id: input.tenantId,
          machine_id: input.host.machineId,
          ...identityColumns(input.host),
          protection_plan: DEFAULT_PROTECTION_PLAN,
          credential_hash: digestSecret(credential),
          enrolled_with: input.enrollTokenId,
          installed_at: now,
          last_seen_at: now,
          uninstalled_at: null,
        })
        .execute();
    }
    await trx.updateTable('enrollment_tokens').set((eb) => ({ used_count: eb('used_count', '+', 1) })).where('id', '=', input.enrollTokenId).execute();
    return { hostId, credential };
  });
}

/** The host an agent credential belongs to, or null (unknown or replaced credential). */
export async function findHostByCredential(db: Kysely<Database>, credential: string): Promise<HostRow | null> {
  return (await db.selectFrom('hosts').selectAll().where('credential_hash', '=', digestSecret(credential)).executeTakeFirst()) ?? null;
}

export async function recordHeartbeat(db: Kysely<Database>, hostId: string, host: HostIdentity | null, now: Date): Promise<void> {
  await db
    .updateTable('hosts')
    .set({ ...(host ? identityColumns(host) : {}), last_seen_at: now.toISOString(), uninstalled_at: null })
    .where('id', '=', hostId)
    .execute();
}

export async function markUninstalled(db: Kysely<Database>, hostId: string, now: Date): Promise<void> {
  await db.updateTable('hosts').set({ uninstalled_at: now.toISOString(), last_seen_at: now.toISOString() }).where('id', '=', hostId).execute();
}

export interface HostFilter {
  readonly q?: string | undefined;
  readonly status?: HostStatus | undefined;
  /** Only members of this host group. */
  readonly group?: string | undefined;
}

export async function listHosts(scope: TenantScope, filter: HostFilter, page: Page, offlineAfterMs: number) {
  const now = scope.clock();
  const cutoff = new Date(now.getTime() - offlineAfterMs).toISOString();
  let query = scope.selectFrom('hosts');
  if (filter.q) {
    const q = filter.q;
    query = query.where((eb) => eb.or([containsText('hostname', q), containsText('ips', q), containsText('machine_id', q)]));
  }
  if (filter.group) {
    const members = scope.selectFrom('host_group_members').select('host_group_members.host_id').where('host_group_members.group_id', '=', filter.group);
    query = query.where('hosts.id', 'in', members);
  }
  if (filter.status === 'uninstalled') query = query.where('uninstalled_at', 'is not', null);
  if (filter.status === 'online') query = query.where('uninstalled_at', 'is', null).where('last_seen_at', '>=', cutoff);
  if (filter.status === 'offline') query = query.where('uninstalled_at', 'is', null).where('last_seen_at', '<', cutoff);
  const { rows, total } = await pageWithTotal(query, page, (filtered) => filtered.selectAll().orderBy('hostname').orderBy('id'));
  const groups = await groupsOfHosts(scope, rows.map((row) => row.id));
  return { items: rows.map((row) => presentHost(row, now, offlineAfterMs, groups.get(row.id))), total };
}

export async function getHost(scope: TenantScope, id: string, offlineAfterMs: number): Promise<Host | null> {
  const row = await scope.selectFrom('hosts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? presentHost(row, scope.clock(), offlineAfterMs, (await groupsOfHosts(scope, [id])).get(id)) : null;
}
