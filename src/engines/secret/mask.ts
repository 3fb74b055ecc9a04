// Secrets leave the engine masked with a fingerprint, never in clear (DESIGN.md conventions).
import { createHash } from 'node:crypto';

const MAX_CONTEXT = 120;

/**
 * The line with the secret replaced by asterisks (at most 16, so very long secrets do not
 * flood the report), cut to a readable width around the secret.
 */
export function maskLine(before: string, secretLength: number, after: string): string {
  const stars = '*'.repeat(Math.min(Math.max(secretLength, 1), 16));
  const room = Math.max(0, MAX_CONTEXT - stars.length);
  const left = before.length > room / 2 ? `…${before.slice(before.length - Math.floor(room / 2))}` : before;
  const right = after.length > room / 2 ? `${after.slice(0, Math.floor(room / 2))}…` : after;
  return `${left}${stars}${right}`.trim();
}

/**
 * Identifies a secret without revealing it: the same secret under the same rule has the same
 * fingerprint in every file, layer and image, so findings dedupe and can be tracked.
 */
export function secretFingerprint(ruleId: string, secret: string): string {
  return createHash('sha256').update(`palisade-secret-v1\0${ruleId}\0${secret}`, 'latin1').digest('hex').slice(0, 32);
}
