// Host groups: named sets of a tenant's hosts (a host may be in several), so that ignore and
// whitelist rules can name "these hosts" once and cover a host added to the group later.
import { z } from 'zod';
import { Id, Timestamp } from './common.js';

export const HostGroupName = z.string().trim().min(1).max(128);

export const HostGroup = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  hostIds: z.array(Id),
  createdBy: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type HostGroup = z.infer<typeof HostGroup>;

/** How a host's groups are shown with the host. */
export const HostGroupRef = z.object({ id: Id, name: z.string() });
export type HostGroupRef = z.infer<typeof HostGroupRef>;

export const CreateHostGroup = z.strictObject({
  name: HostGroupName,
  description: z.string().max(2000).default(''),
  hostIds: z.array(Id).max(10_000).default([]),
});
export type CreateHostGroup = z.infer<typeof CreateHostGroup>;

export const UpdateHostGroup = z
  .strictObject({ name: HostGroupName.optional(), description: z.string().max(2000).optional() })
  .refine((change) => change.name !== undefined || change.description !== undefined, { message: 'nothing to change: give a name or a description', path: ['name'] });
export type UpdateHostGroup = z.infer<typeof UpdateHostGroup>;

export const HostGroupMembers = z.strictObject({ hostIds: z.array(Id).min(1).max(10_000) });

/** A rule that names a group, listed when the group cannot be deleted because of it. */
export const HostGroupReference = z.object({ kind: z.enum(['vulnerability_ignore', 'baseline_ignore', 'whitelist']), id: Id, name: z.string() });
export type HostGroupReference = z.infer<typeof HostGroupReference>;
