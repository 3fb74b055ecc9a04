// Bearer secrets (sessions, API tokens, enrollment tokens, agent credentials): random, shown once,
// stored only as a SHA-256 digest so a database leak does not leak working credentials.
import { createHash, randomBytes } from 'node:crypto';

export type SecretKind = 'session' | 'api' | 'enroll' | 'agent';

const PREFIX: Record<SecretKind, string> = { session: 'pss_', api: 'pat_', enroll: 'pen_', agent: 'pag_' };

export function newSecret(kind: SecretKind): string {
  return PREFIX[kind] + randomBytes(32).toString('base64url');
}

export function secretKind(secret: string): SecretKind | null {
  for (const [kind, prefix] of Object.entries(PREFIX)) if (secret.startsWith(prefix)) return kind as SecretKind;
  return null;
}

export function digestSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
