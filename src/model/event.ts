// Security events: what detections and inventory changes raise, with threat level (severity),
// processing status and repeat count.
import { z } from 'zod';
import { EventStatus, Id, Severity, Timestamp } from './common.js';

export const SecurityEvent = z.object({
  id: z.number().int(),
  hostId: Id.nullable(),
  hostname: z.string().nullable(),
  type: z.string(),
  severity: Severity,
  status: EventStatus,
  title: z.string(),
  details: z.record(z.string(), z.unknown()),
  count: z.number().int(),
  firstSeen: Timestamp,
  lastSeen: Timestamp,
  statusChangedBy: z.string().nullable(),
  statusChangedAt: Timestamp.nullable(),
});
export type SecurityEvent = z.infer<typeof SecurityEvent>;

export const EventQuery = z.object({
  hostId: Id.optional(),
  type: z.string().max(64).optional(),
  severity: Severity.optional(),
  status: EventStatus.optional(),
  q: z.string().max(256).optional(),
});

export const EventStatusChange = z.object({
  ids: z.array(z.number().int()).min(1).max(1000),
  status: EventStatus,
});
