// Environment values often carry credentials (DATABASE_URL, AWS_SECRET_ACCESS_KEY). A value that
// looks like a secret, by its name or its shape, is replaced by a mask with a short fingerprint,
// so two hosts sharing one secret still show it (DESIGN.md: sensitive matches stored masked).
import { createHash } from 'node:crypto';

const SECRET_NAME = /pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|credential|auth|access[_-]?key|session|cookie|signing|salt|dsn/i;
const URL_CREDENTIALS = /^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)([^@\s]+)(@.*)$/i;
const SECRET_SHAPES = [
  /^AKIA[0-9A-Z]{16}$/, // AWS access key id
  /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/, // JWT
  /^(gh[pousr]_|glpat-|xox[baprs]-|sk-)[\w-]{16,}$/, // GitHub, GitLab, Slack, OpenAI-style tokens
  /^-----BEGIN [A-Z ]*PRIVATE KEY-----/,
];

export function fingerprint(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 12);
}

export function maskValue(value: string): string {
  return `****(sha256:${fingerprint(value)})`;
}

/** Long runs of mixed letters and digits without spaces look like keys, not settings. */
function looksRandom(value: string): boolean {
  if (value.length < 24 || /[\s/]/.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/].filter((re) => re.test(value)).length;
  return classes === 3;
}

export function maskIfSecret(name: string, value: string): { value: string; masked: boolean } {
  if (value === '') return { value, masked: false };
  const url = URL_CREDENTIALS.exec(value);
  if (url) return { value: `${url[1]}${maskValue(url[2] as string)}${url[3]}`, masked: true };
  if (SECRET_NAME.test(name) || SECRET_SHAPES.some((re) => re.test(value)) || looksRandom(value)) {
    return { value: maskValue(value), masked: true };
  }
  return { value, masked: false };
}
