// Host groups of a tenant: a name, a description and member hosts (a host may be in several).
// Rules name groups by id and read the members when they are applied (memberHostsOf), so a host
// added to a group later is covered without touching the rule.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { CreateHostGroup, HostGroup, HostGroupReference, HostGroupRef, UpdateHostGroup } from '../../model/host-group.js';
import type { Database, HostGroupTable } from './schema.js';
import type { TenantScope } from './tenant-scope.js';

function present(row: Selectable<HostGroupTable>, hostIds: readonly string[]): HostGroup {
  return { id: row.id, name: row.name, description: row.description, hostIds: [...hostIds], createdBy: row.created_by, createdAt: row.created_at, updatedAt: row.updated_at };
}

async function membersByGroup(scope: TenantScope, groupIds: readonly string[]): Promise<Map<string, string[]>> {
  const members = new Map<string, string[]>();
  if (groupIds.length === 0) return members;
  const rows = await scope.selectFrom('host_group_members').select(['group_id', 'host_id']).where('group_id', 'in', [...groupIds]).orderBy('added_at').orderBy('host_id').execute();
  for (const row of rows) members.set(row.group_id, [...(members.get(row.group_id) ?? []), row.host_id]);
  return members;
}

export async function listHostGroups(scope: TenantScope): Promise<HostGroup[]> {
  const rows = await scope.selectFrom('host_groups').selectAll().orderBy('name').orderBy('id').execute();
  const members = await membersByGroup(scope, rows.map((row) => row.id));
  return rows.map((row) => present(row, members.get(row.id) ?? []));
}

export async function getHostGroup(scope: TenantScope, id: string): Promise<HostGroup | null> {
  const row = await scope.selectFrom('host_groups').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  return present(row, (await membersByGroup(scope, [id])).get(id) ?? []);
}

export async function hostGroupNamed(scope: TenantScope, name: string): Promise<{ id: string } | null> {
  return (await scope.selectFrom('host_groups').select('id').where('name', '=', name).executeTakeFirst()) ?? null;
}

/** The ids among `hostIds` that are not hosts of this tenant (another tenant's host is unknown here). */
export async function unknownHosts(scope: TenantScope, hostIds: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(hostIds)];
  if (wanted.length === 0) return [];
  const known = new Set((await scope.selectFrom('hosts').select('id').where('id', 'in', wanted).execute()).map((row) => row.id));
  return wanted.filter((id) => !known.has(id));
}

/** The ids among `groupIds` that are not groups of this tenant. */
export async function unknownHostGroups(scope: TenantScope, groupIds: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(groupIds)];
  if (wanted.length === 0) return [];
  const known = new Set((await scope.selectFrom('host_groups').select('id').where('id', 'in', wanted).execute()).map((row) => row.id));
  return wanted.filter((id) => !known.has(id));
}

/** Creates a group with its members; the hosts must be the tenant's (see unknownHosts). */
export async function createHostGroup(scope: TenantScope, input: CreateHostGroup, createdBy: string | null): Promise<HostGroup> {
  const now = scope.now();
  const row = { id: randomUUID(), name: input.name, description: input.description, created_by: createdBy, created_at: now, updated_at: now };
  await scope.insertInto('host_groups', row).execute();
  await addHostGroupMembers(scope, row.id, input.hostIds);
  return (await getHostGroup(scope, row.id))!;
}

export async function updateHostGroup(scope: TenantScope, id: string, change: UpdateHostGroup): Promise<HostGroup | null> {
  const result = await scope
    .updateTable('host_groups')
    .set({ ...(change.name === undefined ? {} : { name: change.name }), ...(change.description === undefined ? {} : { description: change.description }), updated_at: scope.now() })
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows === 0n ? null : getHostGroup(scope, id);
}

/** Adds the hosts not yet in the group; returns those added. */
export async function addHostGroupMembers(scope: TenantScope, groupId: string, hostIds: readonly string[]): Promise<string[]> {
  const present = new Set((await membersByGroup(scope, [groupId])).get(groupId) ?? []);
  const added = [...new Set(hostIds)].filter((id) => !present.has(id));
  const now = scope.now();
  // In slices (a group of thousands of hosts stays under both databases' parameter limits); a member
  // added by a concurrent request in between is left as it is.
  for (let start = 0; start < added.length; start += 500) {
    const rows = added.slice(start, start + 500).map((hostId) => ({ tenant_id: scope.tenantId, group_id: groupId, host_id: hostId, added_at: now }));
    await scope.db.insertInto('host_group_members').values(rows).onConflict((conflict) => conflict.columns(['group_id', 'host_id']).doNothing()).execute();
  }
  if (added.length > 0) await scope.updateTable('host_groups').set({ updated_at: now }).where('id', '=', groupId).execute();
  return added;
}

/** Removes the hosts from the group; returns those that were members. */
export async function removeHostGroupMembers(scope: TenantScope, groupId: string, hostIds: readonly string[]): Promise<string[]> {
  const members = new Set((await membersByGroup(scope, [groupId])).get(groupId) ?? []);
  const removed = [...new Set(hostIds)].filter((id) => members.has(id));
  if (removed.length === 0) return [];
  await scope.deleteFrom('host_group_members').where('group_id', '=', groupId).where('host_id', 'in', removed).execute();
  await scope.updateTable('host_groups').set({ updated_at: scope.now() }).where('id', '=', groupId).execute();
  return removed;
}

/** Deletes the group (its memberships go with it); the caller refuses first when rules name it. */
export async function deleteHostGroup(scope: TenantScope, id: string): Promise<HostGroup | null> {
  const group = await getHostGroup(scope, id);
  if (!group) return null;
  await scope.deleteFrom('host_group_members').where('group_id', '=', id).execute();
  await scope.deleteFrom('host_groups').where('id', '=', id).execute();
  return group;
}

/** The rules that name the group: deleting it would change what they cover. */
export async function rulesNamingHostGroup(scope: TenantScope, id: string): Promise<HostGroupReference[]> {
  const ignores = await scope.selectFrom('vulnerability_ignores').select(['id', 'reason']).where('host_group_id', '=', id).orderBy('created_at').execute();
  const baselineIgnores = await scope.selectFrom('baseline_ignores').select(['id', 'policy_id', 'check_id']).where('host_group_id', '=', id).orderBy('created_at').execute();
  // Whitelists keep their groups as a JSON array: the few rules of a tenant are read and checked here.
  const whitelists = await scope.selectFrom('whitelists').select(['id', 'name', 'host_group_ids']).orderBy('created_at').execute();
  return [
    ...ignores.map((rule) => ({ kind: 'vulnerability_ignore' as const, id: rule.id, name: rule.reason })),
    ...baselineIgnores.map((rule) => ({ kind: 'baseline_ignore' as const, id: rule.id, name: `${rule.policy_id}/${rule.check_id}` })),
    ...whitelists.filter((rule) => (JSON.parse(rule.host_group_ids) as string[]).includes(id)).map((rule) => ({ kind: 'whitelist' as const, id: rule.id, name: rule.name })),
  ];
}

/** Each host's groups (id and name), for showing hosts. */
export async function groupsOfHosts(scope: TenantScope, hostIds: readonly string[]): Promise<Map<string, HostGroupRef[]>> {
  const groups = new Map<string, HostGroupRef[]>();
  if (hostIds.length === 0) return groups;
  const rows = await scope
    .selectFrom('host_group_members')
    .innerJoin('host_groups', 'host_groups.id', 'host_group_members.group_id')
    .select(['host_group_members.host_id', 'host_groups.id', 'host_groups.name'])
    .where('host_group_members.host_id', 'in', [...hostIds])
    .orderBy('host_groups.name')
    .execute();
  for (const row of rows) groups.set(row.host_id, [...(groups.get(row.host_id) ?? []), { id: row.id, name: row.name }]);
  return groups;
}

/**
 * The current members of the tenant's groups, by group id: what rules naming groups cover at the
 * moment they are applied (ingestion has a tenant id, not a user's scope).
 */
export async function memberHostsOf(db: Kysely<Database>, tenantId: string, groupIds: readonly string[]): Promise<Map<string, ReadonlySet<string>>> {
  const members = new Map<string, Set<string>>();
  if (groupIds.length === 0) return members;
  const rows = await db.selectFrom('host_group_members').select(['group_id', 'host_id']).where('tenant_id', '=', tenantId).where('group_id', 'in', [...new Set(groupIds)]).execute();
  for (const row of rows) {
    const set = members.get(row.group_id) ?? new Set<string>();
    set.add(row.host_id);
    members.set(row.group_id, set);
  }
  return members;
}
