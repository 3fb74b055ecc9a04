// Debian package versions ([epoch:]upstream[-revision]) ordered as dpkg does it: Debian Policy
// §5.6.12. Used for Debian and Ubuntu (their advisories name dpkg versions).
import { VersionParseError, compareDigits, schemeFromParser } from './scheme.js';

interface DpkgVersion {
  readonly epoch: number;
  readonly upstream: string;
  readonly revision: string;
}

const UPSTREAM = /^[A-Za-z0-9.+~:-]+$/;
const REVISION = /^[A-Za-z0-9.+~]+$/;

export function parseDpkgVersion(input: string): DpkgVersion {
  const fail = (reason: string) => new VersionParseError('dpkg', input, reason);
  const text = input.trim();
  if (text === '') throw fail('empty version');
  if (/\s/.test(text)) throw fail('contains whitespace');
  let epoch = 0;
  let rest = text;
  const colon = text.indexOf(':');
  if (colon >= 0) {
    const epochText = text.slice(0, colon);
    if (!/^\d+$/.test(epochText)) throw fail('epoch is not a number');
    epoch = Number(epochText);
    if (!Number.isSafeInteger(epoch) || epoch > 2 ** 31 - 1) throw fail('epoch is too big');
    rest = text.slice(colon + 1);
  }
  const dash = rest.lastIndexOf('-');
  const upstream = dash >= 0 ? rest.slice(0, dash) : rest;
  const revision = dash >= 0 ? rest.slice(dash + 1) : '';
  if (upstream === '') throw fail('empty upstream version');
  if (!/^\d/.test(upstream)) throw fail('upstream version does not start with a digit');
  if (!UPSTREAM.test(upstream)) throw fail('invalid character in upstream version');
  if (dash >= 0 && (revision === '' || !REVISION.test(revision))) throw fail('invalid revision');
  return { epoch, upstream, revision };
}

// Weight of a character in the non-digit part: '~' sorts before everything, even the end of
// the string; letters sort before other characters (Policy §5.6.12).
function order(c: string | undefined): number {
  if (c === undefined) return 0;
  if (c === '~') return -1;
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
  return c.charCodeAt(0) + 256;
}

/** dpkg's verrevcmp: alternating non-digit and digit runs. */
export function compareDpkgPart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const ac = i < a.length && !isDigit(a[i]) ? a[i] : undefined;
      const bc = j < b.length && !isDigit(b[j]) ? b[j] : undefined;
      const diff = order(ac) - order(bc);
      if (diff !== 0) return diff;
      i++;
      j++;
    }
    const si = i;
    while (i < a.length && isDigit(a[i])) i++;
    const sj = j;
    while (j < b.length && isDigit(b[j])) j++;
    const diff = compareDigits(a.slice(si, i) || '0', b.slice(sj, j) || '0');
    if (diff !== 0) return diff;
  }
  return 0;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

export const dpkgScheme = schemeFromParser(
  'dpkg',
  ['Debian', 'Ubuntu'],
  parseDpkgVersion,
  (a, b) => a.epoch - b.epoch || compareDpkgPart(a.upstream, b.upstream) || compareDpkgPart(a.revision, b.revision),
);
