// The fleet inventory as the API serves it: a fact of one host with when it was first and last
// seen, searchable across hosts.
import { z } from 'zod';
import { Id, Timestamp } from './common.js';

export const InventoryItem = z.object({
  hostId: Id,
  hostname: z.string(),
  kind: z.string(),
  key: z.string(),
  name: z.string(),
  version: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  firstSeen: Timestamp,
  lastSeen: Timestamp,
});
export type InventoryItem = z.infer<typeof InventoryItem>;

export const InventoryQuery = z.object({
  hostId: Id.optional(),
  name: z.string().max(256).optional().describe('exact name (package, account, jar groupId:artifactId, tcp/6379 …)'),
  nameLike: z.string().max(256).optional().describe('substring of the name'),
  version: z.string().max(128).optional().describe('exact version'),
  versionBelow: z.string().max(128).optional().describe("versions lower than this, in the package format's own ordering"),
  port: z.coerce.number().int().min(0).max(65535).optional(),
  external: z.enum(['true', 'false']).optional().describe('ports: bound to a non-loopback address'),
  user: z.string().max(64).optional().describe('processes, cron jobs: the user'),
});

export const InventorySummary = z.object({
  kinds: z.array(z.object({ kind: z.string(), items: z.number().int(), hosts: z.number().int() })),
});

export const ResourceSample = z.object({
  at: Timestamp,
  resolutionSeconds: z.number().int(),
  cpuPercent: z.number().nullable(),
  memoryUsedBytes: z.number().nullable(),
  memoryTotalBytes: z.number().nullable(),
  diskUsedBytes: z.number().nullable(),
  diskTotalBytes: z.number().nullable(),
  netRxBytes: z.number().nullable(),
  netTxBytes: z.number().nullable(),
});
