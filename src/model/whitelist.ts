// Whitelist rules (issue 5 part 5): conditions that, all together, mark login activity as
// expected, so detections about it raise no event, and past pending events can be marked
// `whitelisted`. An absent condition matches anything; a rule needs a source or a user.
import { z } from 'zod';
import { Id, Timestamp } from './common.js';

/** An address ("203.0.113.5") or a network ("10.0.0.0/8", "2001:db8::/32"). */
export const SourceCondition = z.string().min(2).max(64).regex(/^[0-9a-fA-F:.]+(\/\d{1,3})?$/, 'expected an address or address/prefix such as 10.0.0.0/8');

/** Hours [from, to) in UTC; from > to wraps past midnight (22 to 6). */
export const HourWindow = z.strictObject({ from: z.number().int().min(0).max(23), to: z.number().int().min(1).max(24) });
export type HourWindow = z.infer<typeof HourWindow>;

export const CreateWhitelist = z
  .strictObject({
    name: z.string().min(1).max(200),
    source: SourceCondition.nullable().default(null),
    user: z.string().min(1).max(256).nullable().default(null),
    /** Hosts the rule covers; empty covers every host of the tenant. */
    hostIds: z.array(Id).max(10_000).default([]),
    /** Host groups the rule covers besides hostIds: their members when the rule is applied. */
    hostGroupIds: z.array(Id).max(1000).default([]),
    hours: HourWindow.nullable().default(null),
    /** After this time the rule covers no new activity; null never expires. */
    expiresAt: Timestamp.nullable().default(null),
  })
  .refine((rule) => rule.source !== null || rule.user !== null, { message: 'a whitelist needs a source address/network or a user', path: ['source'] });
export type CreateWhitelist = z.infer<typeof CreateWhitelist>;

export const Whitelist = z.object({
  id: Id,
  name: z.string(),
  source: z.string().nullable(),
  user: z.string().nullable(),
  hostIds: z.array(Id),
  hostGroupIds: z.array(Id),
  hours: HourWindow.nullable(),
  expiresAt: Timestamp.nullable(),
  createdBy: z.string().nullable(),
  createdAt: Timestamp,
});
export type Whitelist = z.infer<typeof Whitelist>;

/**
 * A rule built from a login event for an analyst to edit before creating it: the suggested rule
 * (its address, its user, its host) and the other choices the event allows.
 */
export const WhitelistProposal = z.object({
  eventId: z.number().int(),
  rule: Whitelist.pick({ name: true, source: true, user: true, hostIds: true, hours: true, expiresAt: true }),
  choices: z.object({
    /** The event's source address, and its /24 (IPv4) or /48 (IPv6) network. */
    address: z.string().nullable(),
    network: z.string().nullable(),
    user: z.string().nullable(),
    /** The host the event came from; other hosts it covered are listed in its details. */
    hostId: Id.nullable(),
    hostname: z.string().nullable(),
  }),
});
export type WhitelistProposal = z.infer<typeof WhitelistProposal>;
