// Python package versions ordered as PEP 440 "Version scheme" defines: epoch, release (trailing
// zeros ignored), pre-release (a < b < rc), post-release, dev-release, then local version.
import { VersionParseError, compareDigits, schemeFromParser } from './scheme.js';

// The canonical public + local version pattern of PEP 440 (Appendix B), case-insensitive.
const PATTERN = new RegExp(
  '^v?(?:(\\d+)!)?(\\d+(?:\\.\\d+)*)' +
    '(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?(\\d+)?)?' +
    '(?:-(\\d+)|[-_.]?(post|rev|r)[-_.]?(\\d+)?)?' +
    '(?:[-_.]?(dev)[-_.]?(\\d+)?)?' +
    '(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$',
  'i',
);

// Sentinels for missing parts, chosen so that plain comparison gives PEP 440's order.
const NEG = -Infinity;
const POS = Infinity;

interface Pep440Version {
  readonly epoch: string;
  readonly release: readonly string[];
  /** [letter rank, number] or a sentinel. */
  readonly pre: readonly [number, string] | number;
  readonly post: string | number;
  readonly dev: string | number;
  readonly local: readonly string[] | number;
}

const PRE_RANK: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };

export function parsePep440(input: string): Pep440Version {
  const m = PATTERN.exec(input.trim());
  if (!m) throw new VersionParseError('pep440', input, 'not a PEP 440 version');
  const release = (m[2] ?? '0').split('.');
  while (release.length > 1 && /^0+$/.test(release[release.length - 1] ?? '')) release.pop();
  const hasPre = m[3] !== undefined;
  const hasPost = m[5] !== undefined || m[6] !== undefined;
  const hasDev = m[8] !== undefined;
  return {
    epoch: m[1] ?? '0',
    release,
    // A dev release of a final version sorts before its pre-releases: 1.0.dev0 < 1.0a1.
    pre: hasPre ? [PRE_RANK[(m[3] ?? '').toLowerCase()] ?? 0, m[4] ?? '0'] : !hasPost && hasDev ? NEG : POS,
    post: hasPost ? (m[5] ?? m[7] ?? '0') : NEG,
    dev: hasDev ? (m[9] ?? '0') : POS,
    local: m[10] ? m[10].toLowerCase().split(/[-_.]/) : NEG,
  };
}

function compareNumberOrSentinel(a: string | number, b: string | number): number {
  if (typeof a === 'number' || typeof b === 'number') {
    const x = typeof a === 'number' ? a : 0;
    const y = typeof b === 'number' ? b : 0;
    return x === y ? 0 : x < y ? -1 : 1;
  }
  return compareDigits(a, b);
}

function compareLocal(a: readonly string[] | number, b: readonly string[] | number): number {
  if (typeof a === 'number' || typeof b === 'number') return compareNumberOrSentinel(typeof a === 'number' ? a : 0, typeof b === 'number' ? b : 0);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    // Numeric local segments sort after alphanumeric ones.
    if (xn !== yn) return xn ? 1 : -1;
    const diff = xn ? compareDigits(x, y) : x < y ? -1 : x > y ? 1 : 0;
    if (diff !== 0) return diff;
  }
  return 0;
}

export function comparePep440(a: Pep440Version, b: Pep440Version): number {
  let diff = compareDigits(a.epoch, b.epoch);
  if (diff !== 0) return diff;
  for (let i = 0; i < Math.max(a.release.length, b.release.length); i++) {
    diff = compareDigits(a.release[i] ?? '0', b.release[i] ?? '0');
    if (diff !== 0) return diff;
  }
  if (typeof a.pre === 'number' || typeof b.pre === 'number') {
    diff = compareNumberOrSentinel(typeof a.pre === 'number' ? a.pre : 0, typeof b.pre === 'number' ? b.pre : 0);
  } else {
    diff = a.pre[0] - b.pre[0] || compareDigits(a.pre[1], b.pre[1]);
  }
  return diff || compareNumberOrSentinel(a.post, b.post) || compareNumberOrSentinel(a.dev, b.dev) || compareLocal(a.local, b.local);
}

export const pep440Scheme = schemeFromParser('pep440', ['PyPI'], parsePep440, comparePep440);
