// Host groups of the tenant: read to list them, manage to change them; every change is audited.
// A group named by a rule cannot be deleted (409 naming the rules): detaching would silently
// widen the rule (a whitelist left with no hosts covers every host) or leave it naming nothing.
import { z } from 'zod';
import { Id } from '../../model/common.js';
import { CreateHostGroup, HostGroup, HostGroupMembers, HostGroupReference, UpdateHostGroup } from '../../model/host-group.js';
import type { ServerContext } from '../context.js';
import {
  addHostGroupMembers,
  createHostGroup,
  deleteHostGroup,
  getHostGroup,
  hostGroupNamed,
  listHostGroups,
  removeHostGroupMembers,
  rulesNamingHostGroup,
  unknownHosts,
  updateHostGroup,
} from '../store/host-groups.js';
import type { TenantScope } from '../store/tenant-scope.js';
import { ApiError, badRequest, notFound } from './errors.js';
import { route } from './route.js';

const GroupParams = z.object({ id: Id });
const RULE_KINDS: Record<HostGroupReference['kind'], string> = { vulnerability_ignore: 'vulnerability ignore rule', baseline_ignore: 'baseline ignore rule', whitelist: 'whitelist' };
const nameTaken = (name: string) => new ApiError(409, 'conflict', `a host group named ${JSON.stringify(name)} exists`);

async function requireHosts(scope: TenantScope, hostIds: readonly string[]): Promise<void> {
  const missing = await unknownHosts(scope, hostIds);
  if (missing.length > 0) throw badRequest(`unknown host ${missing[0]}`, { hostIds: missing });
}

/** Findings of a member host may now be (or no longer be) covered by an ignore rule naming the group. */
async function reapplyIgnoresNaming(server: ServerContext, scope: TenantScope, groupId: string): Promise<void> {
  const named = await scope.selectFrom('vulnerability_ignores').select('id').where('host_group_id', '=', groupId).executeTakeFirst();
  if (named) await server.vulnerabilities.reapplyIgnores(scope.tenantId);
}

/** Adding and removing members: the same route but for the path, the change and its audit action. */
function membersRoute(change: 'add' | 'remove') {
  return route({
    method: 'POST',
    path: change === 'add' ? '/api/v1/host-groups/:id/members' : '/api/v1/host-groups/:id/members/remove',
    summary: change === 'add' ? 'Add hosts to a host group (hosts already in it are left as they are)' : 'Remove hosts from a host group',
    tag: 'hosts',
    access: 'manage',
    params: GroupParams,
    body: HostGroupMembers,
    response: HostGroup,
    async handler({ params, body, scope, server, audit }) {
      if (!(await getHostGroup(scope(), params.id))) throw notFound('host group');
      if (change === 'add') await requireHosts(scope(), body.hostIds);
      const changed = change === 'add' ? await addHostGroupMembers(scope(), params.id, body.hostIds) : await removeHostGroupMembers(scope(), params.id, body.hostIds);
      if (changed.length > 0) await reapplyIgnoresNaming(server, scope(), params.id);
      await audit({ action: change === 'add' ? 'host_group.members_added' : 'host_group.members_removed', targetType: 'host_group', targetId: params.id, details: { hostIds: changed } });
      return (await getHostGroup(scope(), params.id))!;
    },
  });
}

export const hostGroupRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/host-groups',
    summary: 'Host groups of the tenant with their member hosts',
    tag: 'hosts',
    access: 'read',
    response: z.object({ items: z.array(HostGroup) }),
    async handler({ scope }) {
      return { items: await listHostGroups(scope()) };
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/host-groups/:id',
    summary: 'One host group',
    tag: 'hosts',
    access: 'read',
    params: GroupParams,
    response: HostGroup,
    async handler({ params, scope }) {
      const group = await getHostGroup(scope(), params.id);
      if (!group) throw notFound('host group');
      return group;
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/host-groups',
    summary: 'Create a host group (name unique in the tenant) with optional members',
    tag: 'hosts',
    access: 'manage',
    body: CreateHostGroup,
    response: HostGroup,
    status: 201,
    async handler({ body, scope, user, audit }) {
      if (await hostGroupNamed(scope(), body.name)) throw nameTaken(body.name);
      await requireHosts(scope(), body.hostIds);
      const group = await createHostGroup(scope(), body, user().username);
      await audit({ action: 'host_group.created', targetType: 'host_group', targetId: group.id, details: { name: group.name, description: group.description, hostIds: group.hostIds } });
      return group;
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/host-groups/:id',
    summary: "Rename a host group or change its description (rules keep naming it by id)",
    tag: 'hosts',
    access: 'manage',
    params: GroupParams,
    body: UpdateHostGroup,
    response: HostGroup,
    async handler({ params, body, scope, audit }) {
      const before = await getHostGroup(scope(), params.id);
      if (!before) throw notFound('host group');
      if (body.name !== undefined && body.name !== before.name && (await hostGroupNamed(scope(), body.name))) throw nameTaken(body.name);
      const group = (await updateHostGroup(scope(), params.id, body))!;
      await audit({ action: 'host_group.updated', targetType: 'host_group', targetId: group.id, details: { before: { name: before.name, description: before.description }, after: { name: group.name, description: group.description } } });
      return group;
    },
  }),
  membersRoute('add'),
  membersRoute('remove'),
  route({
    method: 'GET',
    path: '/api/v1/host-groups/:id/rules',
    summary: 'The rules naming this host group (a group they name cannot be deleted)',
    tag: 'hosts',
    access: 'read',
    params: GroupParams,
    response: z.object({ items: z.array(HostGroupReference) }),
    async handler({ params, scope }) {
      if (!(await getHostGroup(scope(), params.id))) throw notFound('host group');
      return { items: await rulesNamingHostGroup(scope(), params.id) };
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/host-groups/:id',
    summary: 'Delete a host group; refused (409, listing them) while rules name it',
    tag: 'hosts',
    access: 'manage',
    params: GroupParams,
    response: HostGroup,
    async handler({ params, scope, audit }) {
      if (!(await getHostGroup(scope(), params.id))) throw notFound('host group');
      const rules = await rulesNamingHostGroup(scope(), params.id);
      if (rules.length > 0) {
        const names = rules.map((rule) => `${RULE_KINDS[rule.kind]} ${JSON.stringify(rule.name)}`);
        throw new ApiError(409, 'host_group_in_use', `the host group is named by ${names.join(', ')}: change or delete those rules first`, { rules });
      }
      const group = (await deleteHostGroup(scope(), params.id))!;
      await audit({ action: 'host_group.deleted', targetType: 'host_group', targetId: group.id, details: { name: group.name, hostIds: group.hostIds } });
      return group;
    },
  }),
];
