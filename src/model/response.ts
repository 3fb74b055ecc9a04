// Active response to login attacks (issue 5, "Response"): the tenant's automatic-blocking setting,
// the blocks of source addresses on hosts (nftables on the agent), and what travels to and from
// the agent for them.
import { z } from 'zod';
import { Id, Timestamp } from './common.js';
import { LoginDetectionType } from './login.js';

/** A network ("10.0.0.0/8", "2001:db8::/32") or a single address. */
export const Cidr = z.string().min(2).max(64).regex(/^[0-9a-fA-F:.]+(\/\d{1,3})?$/, 'expected an address or address/prefix such as 10.0.0.0/8');

/** Shortest and longest block: a minute to 30 days (nftables timeouts handle both easily). */
export const BlockSeconds = z.number().int().min(60).max(30 * 24 * 3600);

export const ResponseSettings = z.object({
  /** Block the source of a triggering detection automatically. Off until a manager turns it on. */
  autoBlock: z.boolean(),
  blockSeconds: BlockSeconds,
  /** Detections that trigger an automatic block. */
  triggers: z.array(LoginDetectionType),
  /** Addresses never blocked, besides loopback, whitelists and the server's own addresses. */
  managementCidrs: z.array(Cidr),
  updatedBy: z.string().nullable(),
  updatedAt: Timestamp.nullable(),
});
export type ResponseSettings = z.infer<typeof ResponseSettings>;

export const UpdateResponseSettings = z.strictObject({
  autoBlock: z.boolean(),
  blockSeconds: BlockSeconds,
  triggers: z.array(LoginDetectionType).max(LoginDetectionType.options.length),
  managementCidrs: z.array(Cidr).max(256),
});
export type UpdateResponseSettings = z.infer<typeof UpdateResponseSettings>;

/** `expired` is an active block whose time has passed (nftables dropped the element itself). */
export const BlockState = z.enum(['active', 'lifted', 'expired']);
export type BlockState = z.infer<typeof BlockState>;

/** What the agent last reported for the block: applied in nftables, removed, or an error. */
export const BlockAgentState = z.enum(['pending', 'applied', 'removed', 'failed']);
export type BlockAgentState = z.infer<typeof BlockAgentState>;

export const Block = z.object({
  id: Id,
  hostId: Id,
  hostname: z.string().nullable(),
  source: z.string(),
  reason: z.string(),
  /** The event that triggered it (automatic blocks). */
  eventId: z.number().int().nullable(),
  state: BlockState,
  agentState: BlockAgentState,
  agentError: z.string().nullable(),
  /** `system` for automatic blocks. */
  createdBy: z.string(),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  liftedBy: z.string().nullable(),
  liftedAt: Timestamp.nullable(),
});
export type Block = z.infer<typeof Block>;

export const BlockQuery = z.object({
  state: BlockState.optional(),
  hostId: Id.optional(),
  source: z.string().max(64).optional(),
});

export const ExtendBlock = z.strictObject({ seconds: BlockSeconds.describe('the block then ends this long from now') });

/** Payload of the `block_source` order. */
export const BlockSourceOrder = z.object({ blockId: Id, address: z.string().min(2).max(64), seconds: BlockSeconds });
export type BlockSourceOrder = z.infer<typeof BlockSourceOrder>;
/** Payload of the `unblock_source` order. */
export const UnblockSourceOrder = z.object({ blockId: Id, address: z.string().min(2).max(64) });
export type UnblockSourceOrder = z.infer<typeof UnblockSourceOrder>;

/** Data of the agent's `response.block` event: what became of a block or unblock order. */
export const BlockReport = z.object({
  blockId: Id,
  action: z.enum(['block', 'unblock']),
  address: z.string().max(64),
  ok: z.boolean(),
  error: z.string().max(2000).nullable(),
});
export type BlockReport = z.infer<typeof BlockReport>;
