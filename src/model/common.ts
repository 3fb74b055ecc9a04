// Shared vocabulary of the wire format (DESIGN.md "Conventions").
import { z } from 'zod';

export const Severity = z.enum(['critical', 'high', 'medium', 'low']);
export type Severity = z.infer<typeof Severity>;

export const EventStatus = z.enum(['pending', 'handled', 'ignored', 'whitelisted']);
export type EventStatus = z.infer<typeof EventStatus>;

export const FindingStatus = z.enum(['open', 'fixed', 'ignored']);
export type FindingStatus = z.infer<typeof FindingStatus>;

/** Times travel as ISO 8601 strings in UTC. */
export const Timestamp = z.iso.datetime({ offset: true });

export const Id = z.string().min(1).max(64);

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
}

/** A problem met while scanning that did not stop the scan (STYLE.md habit 12). */
export const ScanWarning = z.object({
  source: z.string(),
  path: z.string().optional(),
  message: z.string(),
});
export type ScanWarning = z.infer<typeof ScanWarning>;
