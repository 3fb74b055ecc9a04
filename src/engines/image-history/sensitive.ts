// What makes a variable name or a command argument look like it carries a secret, and how the
// value is shown: masked, with the fingerprint the secret scanner uses (engines/secret/mask.ts).
import { maskLine, secretFingerprint } from '../secret/mask.js';

const SENSITIVE_NAME = /(pass(word|wd)?|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|auth[_-]?key|client[_-]?secret)/i;
/** Values that say "no secret here". */
const PLACEHOLDER = /^(|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|<[^>]*>|changeme|none|null|false|true|x+|\*+)$/i;

export function isSensitiveName(name: string): boolean {
  return SENSITIVE_NAME.test(name) && !/_(FILE|PATH|DIR|URL_PATH)$/i.test(name);
}

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value.trim().replace(/^["']|["']$/g, ''));
}

export function masked(checkId: string, before: string, secret: string, after = ''): { evidence: string; fingerprint: string } {
  return { evidence: maskLine(before, secret.length, after), fingerprint: secretFingerprint(checkId, secret) };
}
