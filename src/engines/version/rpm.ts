// RPM versions ([epoch:]version[-release]) ordered by rpm's rpmvercmp, including '~' (sorts
// before anything, pre-releases) and '^' (sorts after the base version, post-release snapshots).
import { VersionParseError, compareDigits, schemeFromParser } from './scheme.js';

interface RpmVersion {
  readonly epoch: string;
  readonly version: string;
  /** undefined when the version has no '-': it then sorts before any release. */
  readonly release: string | undefined;
}

export function parseRpmVersion(input: string): RpmVersion {
  const text = input.trim();
  if (text === '') throw new VersionParseError('rpm', input, 'empty version');
  if (/\s/.test(text)) throw new VersionParseError('rpm', input, 'contains whitespace');
  const colon = text.indexOf(':');
  const epoch = colon >= 0 ? text.slice(0, colon) : '0';
  const rest = colon >= 0 ? text.slice(colon + 1) : text;
  const dash = rest.lastIndexOf('-');
  return dash >= 0
    ? { epoch, version: rest.slice(0, dash), release: rest.slice(dash + 1) }
    : { epoch, version: rest, release: undefined };
}

const isAlnum = (c: string | undefined) => c !== undefined && /[A-Za-z0-9]/.test(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);

/** rpmvercmp: segments of digits or letters, separators ignored, '~' and '^' special. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  const skip = (s: string, k: number) => {
    while (k < s.length && !isAlnum(s[k]) && s[k] !== '~' && s[k] !== '^') k++;
    return k;
  };
  while (i < a.length || j < b.length) {
    i = skip(a, i);
    j = skip(b, j);
    const ca = a[i];
    const cb = b[j];
    if (ca === '~' || cb === '~') {
      if (ca !== '~') return 1;
      if (cb !== '~') return -1;
      i++;
      j++;
      continue;
    }
    if (ca === '^' || cb === '^') {
      if (ca === undefined) return -1;
      if (cb === undefined) return 1;
      if (ca !== '^') return 1;
      if (cb !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (ca === undefined || cb === undefined) break;
    const numeric = isDigit(ca);
    const take = numeric ? isDigit : isAlpha;
    const si = i;
    while (i < a.length && take(a[i])) i++;
    const sj = j;
    while (j < b.length && take(b[j])) j++;
    const segA = a.slice(si, i);
    const segB = b.slice(sj, j);
    // A numeric segment is newer than an alphabetic one.
    if (segB === '') return numeric ? 1 : -1;
    const diff = numeric ? compareDigits(segA, segB) : segA < segB ? -1 : segA > segB ? 1 : 0;
    if (diff !== 0) return diff;
  }
  const restA = i < a.length;
  const restB = j < b.length;
  if (!restA && !restB) return 0;
  return restA ? 1 : -1;
}

export const rpmScheme = schemeFromParser(
  'rpm',
  ['Red Hat', 'Rocky Linux', 'AlmaLinux', 'openSUSE', 'SUSE', 'Mageia', 'openEuler'],
  parseRpmVersion,
  (a, b) =>
    rpmvercmp(a.epoch, b.epoch) ||
    rpmvercmp(a.version, b.version) ||
    (a.release === undefined || b.release === undefined ? Number(a.release !== undefined) - Number(b.release !== undefined) : rpmvercmp(a.release, b.release)),
);
