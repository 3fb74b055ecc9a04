// Blocks of attacking sources (issue 5, "Response"): listed, extended and lifted by analysts;
// the tenant's automatic-blocking setting read by all and changed by managers. Every change is
// audited (automatic blocks are audited as `system` where they are made, response/auto-block.ts).
import { z } from 'zod';
import { Id, PageQuery, pageOf } from '../../model/common.js';
import { Block, BlockQuery, ExtendBlock, ResponseSettings, UpdateResponseSettings } from '../../model/response.js';
import { asCidr } from '../../engines/login/whitelist.js';
import { orderBlock, orderUnblock } from '../response/block-orders.js';
import { extendBlock, getBlock, liftBlock, listBlocks } from '../store/blocks.js';
import { getResponseSettings, saveResponseSettings } from '../store/response-settings.js';
import { ApiError, badRequest, notFound } from './errors.js';
import { route } from './route.js';

const BlockParams = z.object({ id: Id });
const notActive = (state: string) => new ApiError(409, 'conflict', `the block is ${state}, not active`);

export const blockRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/blocks',
    summary: 'Blocked sources on hosts, newest first, by state (active, lifted, expired), host and source',
    tag: 'response',
    access: 'read',
    query: PageQuery.extend(BlockQuery.shape),
    response: pageOf(Block),
    async handler({ query, scope }) {
      const page = { limit: query.limit, offset: query.offset };
      return { ...(await listBlocks(scope(), query, page)), ...page };
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/blocks/:id',
    summary: 'One block',
    tag: 'response',
    access: 'read',
    params: BlockParams,
    response: Block,
    async handler({ params, scope }) {
      const block = await getBlock(scope(), params.id);
      if (!block) throw notFound('block');
      return block;
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/blocks/:id/extend',
    summary: 'Make an active (or expired) block end `seconds` from now; the agent renews it in nftables',
    tag: 'response',
    access: 'triage',
    params: BlockParams,
    body: ExtendBlock,
    response: Block,
    async handler({ params, body, scope, server, user, audit }) {
      const found = await getBlock(scope(), params.id);
      if (!found) throw notFound('block');
      if (found.state === 'lifted') throw notActive(found.state);
      const block = (await extendBlock(scope(), params.id, body.seconds)) as Block;
      const order = await orderBlock(scope(), block, user().userId);
      server.bus.publish(`orders.${block.hostId}`, { orderId: order.id });
      await audit({ action: 'block.extended', targetType: 'block', targetId: block.id, details: { source: block.source, hostId: block.hostId, from: found.expiresAt, expiresAt: block.expiresAt, orderId: order.id } });
      return block;
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/blocks/:id/lift',
    summary: 'Lift a block now: the agent removes the source from the nftables set',
    tag: 'response',
    access: 'triage',
    params: BlockParams,
    response: Block,
    async handler({ params, scope, server, user, audit }) {
      const found = await getBlock(scope(), params.id);
      if (!found) throw notFound('block');
      if (found.state !== 'active') throw notActive(found.state);
      const block = (await liftBlock(scope(), params.id, user().username)) as Block;
      const order = await orderUnblock(scope(), block, user().userId);
      server.bus.publish(`orders.${block.hostId}`, { orderId: order.id });
      await audit({ action: 'block.lifted', targetType: 'block', targetId: block.id, details: { source: block.source, hostId: block.hostId, orderId: order.id } });
      return block;
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/response/settings',
    summary: 'Automatic blocking: on or off, for how long, which detections trigger it, networks never blocked',
    tag: 'response',
    access: 'read',
    response: ResponseSettings,
    async handler({ scope }) {
      return getResponseSettings(scope());
    },
  }),
  route({
    method: 'PUT',
    path: '/api/v1/response/settings',
    summary: 'Change the automatic blocking setting',
    tag: 'response',
    access: 'manage',
    body: UpdateResponseSettings,
    response: ResponseSettings,
    async handler({ body, scope, user, audit }) {
      const bad = body.managementCidrs.find((cidr) => asCidr(cidr) === null);
      if (bad !== undefined) throw badRequest(`management network ${JSON.stringify(bad)} is not an address or address/prefix`);
      const before = await getResponseSettings(scope());
      const saved = await saveResponseSettings(scope(), body, user().username);
      const { updatedBy: _by, updatedAt: _at, ...was } = before;
      await audit({ action: 'response.settings_changed', targetType: 'response_settings', targetId: scope().tenantId, details: { before: was, after: body } });
      return saved;
    },
  }),
];
