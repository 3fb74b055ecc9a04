// Whitelist rules of the tenant (issue 5 part 5): analysts list, create and delete them, and
// apply one to past pending login events. Every change is audited.
import { z } from 'zod';
import { asCidr } from '../../engines/login/whitelist.js';
import { Id } from '../../model/common.js';
import { CreateWhitelist, Whitelist } from '../../model/whitelist.js';
import { unknownHostGroups } from '../store/host-groups.js';
import { applyWhitelist, createWhitelist, deleteWhitelist, getWhitelist, listWhitelists } from '../store/whitelists.js';
import { badRequest, notFound } from './errors.js';
import { route } from './route.js';

export const whitelistRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/whitelists',
    summary: 'Whitelist rules: login activity they cover raises no event',
    tag: 'events',
    access: 'read',
    response: z.object({ items: z.array(Whitelist) }),
    async handler({ scope }) {
      return { items: await listWhitelists(scope()) };
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/whitelists',
    summary: 'Create a whitelist rule (source address or network, user, hosts or host groups, hours; all must hold)',
    tag: 'events',
    access: 'triage',
    body: CreateWhitelist,
    response: Whitelist,
    status: 201,
    async handler({ body, scope, user, audit }) {
      if (body.source !== null && asCidr(body.source) === null) throw badRequest(`source ${JSON.stringify(body.source)} is not an address or address/prefix`);
      const hostIds = [...new Set(body.hostIds)];
      if (hostIds.length > 0) {
        const known = await scope().selectFrom('hosts').select('id').where('id', 'in', hostIds).execute();
        const missing = hostIds.filter((id) => !known.some((row) => row.id === id));
        if (missing.length > 0) throw badRequest(`unknown host ${missing[0]}`, { hostIds: missing });
      }
      const hostGroupIds = [...new Set(body.hostGroupIds)];
      const missingGroups = await unknownHostGroups(scope(), hostGroupIds);
      if (missingGroups.length > 0) throw badRequest(`unknown host group ${missingGroups[0]}`, { hostGroupIds: missingGroups });
      const rule = await createWhitelist(scope(), { ...body, hostIds, hostGroupIds }, user().username);
      await audit({ action: 'whitelist.created', targetType: 'whitelist', targetId: rule.id, details: { name: rule.name, source: rule.source, user: rule.user, hostIds: rule.hostIds, hostGroupIds: rule.hostGroupIds, hours: rule.hours, expiresAt: rule.expiresAt } });
      return rule;
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/whitelists/:id',
    summary: 'Delete a whitelist rule (events it already marked stay whitelisted)',
    tag: 'events',
    access: 'triage',
    params: z.object({ id: Id }),
    response: Whitelist,
    async handler({ params, scope, audit }) {
      const rule = await deleteWhitelist(scope(), params.id);
      if (!rule) throw notFound('whitelist');
      await audit({ action: 'whitelist.deleted', targetType: 'whitelist', targetId: rule.id, details: { name: rule.name } });
      return rule;
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/whitelists/:id/apply',
    summary: 'Mark the pending login events this rule covers as whitelisted',
    tag: 'events',
    access: 'triage',
    params: z.object({ id: Id }),
    response: z.object({ updated: z.array(z.number().int()) }),
    async handler({ params, scope, user, audit }) {
      const rule = await getWhitelist(scope(), params.id);
      if (!rule) throw notFound('whitelist');
      const updated = await applyWhitelist(scope(), rule, user().username);
      await audit({ action: 'whitelist.applied', targetType: 'whitelist', targetId: rule.id, details: { events: updated } });
      return { updated };
    },
  }),
];
