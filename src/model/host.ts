// Protected hosts and the agent's wire format (enrollment, heartbeats, event batches, orders).
import { z } from 'zod';
import { BaselineAgentConfig } from './baseline-schedule.js';
import { Id, Timestamp } from './common.js';
import { HostGroupRef } from './host-group.js';

export const HostStatus = z.enum(['online', 'offline', 'uninstalled']);
export type HostStatus = z.infer<typeof HostStatus>;

/** What an agent tells about its host at enrollment and in every heartbeat. */
export const HostIdentity = z.object({
  machineId: z.string().min(1).max(128),
  hostname: z.string().min(1).max(255),
  ips: z.array(z.string().max(64)).max(256),
  osName: z.string().max(128),
  osVersion: z.string().max(128),
  kernel: z.string().max(256),
  arch: z.string().max(32),
  agentVersion: z.string().max(64),
  components: z.array(z.string().max(64)).max(64),
});
export type HostIdentity = z.infer<typeof HostIdentity>;

export const Host = z.object({
  id: Id,
  machineId: z.string(),
  hostname: z.string(),
  status: HostStatus,
  ips: z.array(z.string()),
  osName: z.string(),
  osVersion: z.string(),
  kernel: z.string(),
  arch: z.string(),
  agentVersion: z.string(),
  components: z.array(z.string()),
  protectionPlan: z.string(),
  installedAt: Timestamp,
  lastSeenAt: Timestamp,
  /** The host groups it is a member of, by name. */
  groups: z.array(HostGroupRef),
});
export type Host = z.infer<typeof Host>;

export const HostQuery = z.object({
  q: z.string().max(256).optional().describe('matches host name, IP address or machine id'),
  status: HostStatus.optional(),
  group: Id.optional().describe('only members of this host group'),
});

export const EnrollmentToken = z.object({
  id: Id,
  name: z.string(),
  tokenPrefix: z.string(),
  createdAt: Timestamp,
  expiresAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
  usedCount: z.number().int(),
});
export type EnrollmentToken = z.infer<typeof EnrollmentToken>;
export const CreateEnrollmentTokenRequest = z.object({
  name: z.string().min(1).max(128),
  expiresInHours: z.number().int().min(1).max(24 * 365).optional(),
});
export const CreatedEnrollmentToken = EnrollmentToken.extend({ token: z.string().describe('shown once') });

export const EnrollRequest = z.object({ enrollToken: z.string().min(1).max(256), host: HostIdentity });
export const EnrollResponse = z.object({
  hostId: Id,
  credential: z.string().describe('the agent credential; sent as Authorization: Bearer'),
  heartbeatSeconds: z.number().int(),
});
export type EnrollResponse = z.infer<typeof EnrollResponse>;

export const HeartbeatRequest = z.object({ host: HostIdentity });
export const HeartbeatResponse = z.object({
  heartbeatSeconds: z.number().int(),
  serverTime: Timestamp,
  /** Baseline trust and scheduling for this host (absent from servers before schedules). */
  baseline: BaselineAgentConfig.optional(),
});

/** One event from an agent's spool. `seq` increases within one spool (`spoolId`). */
export const AgentEvent = z.object({
  seq: z.number().int().nonnegative(),
  type: z.string().min(1).max(64).regex(/^[a-z][a-z0-9_.-]*$/),
  time: Timestamp,
  data: z.record(z.string(), z.unknown()),
});
export type AgentEvent = z.infer<typeof AgentEvent>;

export const AgentEventBatch = z.object({
  spoolId: z.string().min(8).max(64),
  events: z.array(AgentEvent).min(1).max(5000),
});
export type AgentEventBatch = z.infer<typeof AgentEventBatch>;
export const AgentEventAck = z.object({ acked: z.array(z.number().int()), duplicates: z.number().int() });

export const OrderKind = z.enum(['resync', 'baseline_scan', 'block_source', 'unblock_source']);
export const Order = z.object({
  id: Id,
  kind: OrderKind,
  payload: z.record(z.string(), z.unknown()),
  status: z.enum(['pending', 'delivered', 'done', 'failed']),
  createdAt: Timestamp,
  deliveredAt: Timestamp.nullable(),
  completedAt: Timestamp.nullable(),
  result: z.record(z.string(), z.unknown()).nullable(),
});
export type Order = z.infer<typeof Order>;
export const CreateOrderRequest = z.object({ kind: OrderKind, payload: z.record(z.string(), z.unknown()).default({}) });
export const PendingOrders = z.object({ orders: z.array(Order) });
export const OrderResult = z.object({ ok: z.boolean(), result: z.record(z.string(), z.unknown()).default({}) });
