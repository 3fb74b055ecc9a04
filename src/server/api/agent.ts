// The agent's side of the API: enrollment with a token, then heartbeats, event batches and
// orders with the per-agent credential it was given.
import { z } from 'zod';
import { Id } from '../../model/common.js';
import { AgentEventAck, AgentEventBatch, EnrollRequest, EnrollResponse, HeartbeatRequest, HeartbeatResponse, OrderResult, PendingOrders } from '../../model/host.js';
import { withCurrentTrust } from '../jobs/baseline-schedules.js';
import { changesVulnerabilityInputs, INVENTORY_CHANGED } from '../jobs/vulnerability-detection.js';
import { ingestAgentEvents } from '../store/agent-events.js';
import { trustedPolicyIds } from '../store/baseline-policy-trust.js';
import { hostIsScheduled } from '../store/baseline-schedules.js';
import { findLiveEnrollmentToken } from '../store/enrollment-tokens.js';
import { enrollHost, markUninstalled, recordHeartbeat } from '../store/hosts.js';
import { completeOrder, takePendingOrders } from '../store/orders.js';
import { ApiError, notFound } from './errors.js';
import { route } from './route.js';
import { waitForOrders } from './wait-for-orders.js';

const Ok = z.object({ ok: z.literal(true) });
/** Event batches are bigger than other bodies: up to 5,000 events. */
const EVENT_BODY_LIMIT = 16 * 1024 * 1024;

export const agentRoutes = [
  route({
    method: 'POST',
    path: '/api/v1/agent/enroll',
    summary: 'Enroll a host with an enrollment token; returns the per-agent credential',
    tag: 'agent',
    access: 'public',
    body: EnrollRequest,
    response: EnrollResponse,
    status: 201,
    async handler({ body, server, request }) {
      const now = server.clock();
      const token = await findLiveEnrollmentToken(server.store.db, body.enrollToken, now);
      if (!token) throw new ApiError(401, 'unauthorized', 'unknown, revoked or expired enrollment token');
      const { hostId, credential } = await enrollHost(server.store.db, { tenantId: token.tenant_id, host: body.host, enrollTokenId: token.id, now });
      server.log.info({ hostId, hostname: body.host.hostname, address: request.ip }, 'agent enrolled');
      server.bus.publish('host.enrolled', { hostId, tenantId: token.tenant_id });
      return { hostId, credential, heartbeatSeconds: server.config.heartbeatSeconds };
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/agent/heartbeat',
    summary: 'Report that the agent is alive, with its current host facts',
    tag: 'agent',
    access: 'agent',
    body: HeartbeatRequest,
    response: HeartbeatResponse,
    async handler({ body, server, agent }) {
      const now = server.clock();
      const host = agent().host;
      await recordHeartbeat(server.store.db, host.id, body.host, now);
      const [trustedPolicies, serverScheduled] = await Promise.all([trustedPolicyIds(server.store.db, host.tenant_id), hostIsScheduled(server.store.db, host)]);
      return { heartbeatSeconds: server.config.heartbeatSeconds, serverTime: now.toISOString(), baseline: { trustedPolicies, serverScheduled } };
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/agent/events',
    summary: 'Deliver a batch of spooled events; acknowledged once committed (idempotent by spool and sequence)',
    tag: 'agent',
    access: 'agent',
    body: AgentEventBatch,
    response: AgentEventAck,
    bodyLimit: EVENT_BODY_LIMIT,
    async handler({ body, server, agent }) {
      const host = agent().host;
      const result = await ingestAgentEvents(server.store.db, host, body, server.clock(), server.log);
      server.metrics.ingestedEvents.inc({ result: 'stored' }, result.inserted);
      if (result.duplicates > 0) server.metrics.ingestedEvents.inc({ result: 'duplicate' }, result.duplicates);
      if (result.inserted > 0) server.bus.publish('agent.events', { hostId: host.id, tenantId: host.tenant_id, count: result.inserted });
      // After the commit: vulnerability detection reads the host's new packages.
      if (result.inserted > 0 && changesVulnerabilityInputs(body.events)) server.bus.publish(INVENTORY_CHANGED, { hostId: host.id, tenantId: host.tenant_id });
      return { acked: result.acked, duplicates: result.duplicates };
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/agent/orders',
    summary: 'Long-poll for orders: answers at once when some are pending, else within `wait` seconds',
    tag: 'agent',
    access: 'agent',
    query: z.object({ wait: z.coerce.number().int().min(0).max(60).default(25) }),
    response: PendingOrders,
    async handler({ query, server, agent, request }) {
      const hostId = agent().host.id;
      const take = () => takePendingOrders(server.store.db, hostId, server.clock());
      const orders = await waitForOrders(server.bus, hostId, take, query.wait * 1000, request.raw);
      return { orders: await withCurrentTrust(server.store.db, agent().host.tenant_id, orders) };
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/agent/orders/:id/result',
    summary: 'Report the outcome of an order',
    tag: 'agent',
    access: 'agent',
    params: z.object({ id: Id }),
    body: OrderResult,
    response: Ok,
    async handler({ params, body, server, agent }) {
      const done = await completeOrder(server.store.db, agent().host.id, params.id, body.ok, body.result, server.clock());
      if (!done) throw notFound('order');
      return { ok: true as const };
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/agent/uninstall',
    summary: 'The agent is being uninstalled: mark the host and retire its credential',
    tag: 'agent',
    access: 'agent',
    response: Ok,
    async handler({ server, agent }) {
      await markUninstalled(server.store.db, agent().host.id, server.clock());
      return { ok: true as const };
    },
  }),
];
