// Protected hosts: the fleet list, one host, and orders sent to its agent.
import { z } from 'zod';
import { Id, PageQuery, pageOf } from '../../model/common.js';
import { CreateOrderRequest, Host, HostQuery, Order } from '../../model/host.js';
import { offlineAfterMs } from '../config.js';
import { baselineOrderPayload } from '../jobs/baseline-schedules.js';
import { getHost, listHosts } from '../store/hosts.js';
import { createOrder, listOrders } from '../store/orders.js';
import { badRequest, notFound } from './errors.js';
import { route } from './route.js';

const HostParams = z.object({ id: Id });

export const hostRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/hosts',
    summary: 'List protected hosts, filtered by text, status and host group',
    tag: 'hosts',
    access: 'read',
    query: PageQuery.extend(HostQuery.shape),
    response: pageOf(Host),
    async handler({ query, scope, server }) {
      const page = { limit: query.limit, offset: query.offset };
      const result = await listHosts(scope(), { q: query.q, status: query.status, group: query.group }, page, offlineAfterMs(server.config));
      return { ...result, ...page };
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/hosts/:id',
    summary: 'One host',
    tag: 'hosts',
    access: 'read',
    params: HostParams,
    response: Host,
    async handler({ params, scope, server }) {
      const host = await getHost(scope(), params.id, offlineAfterMs(server.config));
      if (!host) throw notFound('host');
      return host;
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/hosts/:id/orders',
    summary: "The host's recent orders and their results",
    tag: 'hosts',
    access: 'read',
    params: HostParams,
    response: z.object({ items: z.array(Order) }),
    async handler({ params, scope, server }) {
      if (!(await getHost(scope(), params.id, offlineAfterMs(server.config)))) throw notFound('host');
      return { items: await listOrders(scope(), params.id) };
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/hosts/:id/orders',
    summary: "Send an order to the host's agent (resync)",
    tag: 'hosts',
    access: 'manage',
    params: HostParams,
    body: CreateOrderRequest,
    response: Order,
    status: 201,
    async handler({ params, body, scope, server, user, audit }) {
      if (!(await getHost(scope(), params.id, offlineAfterMs(server.config)))) throw notFound('host');
      // A baseline scan carries the tenant's trusted policies, never ones the caller names.
      let payload: Record<string, unknown> = body.payload;
      if (body.kind === 'baseline_scan') {
        try {
          payload = await baselineOrderPayload(server.store.db, scope().tenantId, body.payload);
        } catch (error) {
          throw badRequest((error as Error).message);
        }
      }
      const order = await createOrder(scope(), { hostId: params.id, kind: body.kind, payload, createdBy: user().userId });
      server.bus.publish(`orders.${params.id}`, { orderId: order.id });
      await audit({ action: 'host.order', targetType: 'host', targetId: params.id, details: { kind: body.kind, orderId: order.id } });
      return order;
    },
  }),
];
