// npm's range grammar (node-semver "Ranges"): comparator sets joined by `||`, each a list of
// comparators that must all hold, with the sugar `~`, `^`, x-ranges (`1.2.x`, `2`, `*`) and
// hyphen ranges (`1.2.3 - 2.3`). A pre-release version satisfies a set only when a comparator
// of the set names a pre-release of the same major.minor.patch, unless includePrerelease is set.
// OSV ranges do not use this grammar; package manifests and lock files do.
import { compareSemver, type SemverVersion } from './semver.js';

export interface NpmRangeOptions {
  readonly loose?: boolean;
  readonly includePrerelease?: boolean;
}

interface Comparator {
  readonly op: '<' | '<=' | '>' | '>=' | '=';
  readonly version: SemverVersion;
}

const ID = '(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)';
const PRE = `(${ID}(?:\\.${ID})*)`;
const BUILD = '(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)';
const N = (loose: boolean) => (loose ? '\\d+' : '0|[1-9]\\d*');
const X = (loose: boolean) => `(${N(loose)}|x|X|\\*)`;

function versionPattern(loose: boolean): RegExp {
  return new RegExp(`^${loose ? '[v=\\s]*' : 'v?'}(${N(loose)})\\.(${N(loose)})\\.(${N(loose)})(?:${loose ? '-?' : '-'}${PRE})?${BUILD}?$`);
}

function partialPattern(loose: boolean): string {
  return `[v=\\s]*${X(loose)}(?:\\.${X(loose)}(?:\\.${X(loose)}(?:${loose ? '-?' : '-'}${PRE})?${BUILD}?)?)?`;
}

export function parseNpmVersion(text: string, loose = false): SemverVersion | null {
  const m = versionPattern(loose).exec(text.trim());
  if (!m) return null;
  return { core: [m[1], m[2], m[3]].map((n) => String(Number(n))), prerelease: m[4] ? m[4].split('.') : [] };
}

const isX = (id: string | undefined) => id === undefined || id === '' || id === 'x' || id === 'X' || id === '*';
const v = (core: (string | number)[], pre: string[] = []): SemverVersion => ({ core: core.map(String), prerelease: pre });
const ZERO_PRE = ['0'];

type Partial = [M: string | undefined, m: string | undefined, p: string | undefined, pre: string | undefined];

class InvalidRange extends Error {}

function desugar(comp: string, options: NpmRangeOptions): Comparator[] {
  const loose = options.loose === true;
  const z = options.includePrerelease ? ZERO_PRE : [];
  const part = partialPattern(loose);
  const num = (s: string | undefined) => Number(s);
  let m: RegExpExecArray | null;
  if ((m = new RegExp(`^~>?${part}$`).exec(comp))) {
    const [M, mi, p, pre] = m.slice(1) as Partial;
    if (isX(M)) return [];
    if (isX(mi)) return [{ op: '>=', version: v([M, 0, 0], z) }, { op: '<', version: v([num(M) + 1, 0, 0], ZERO_PRE) }];
    if (isX(p)) return [{ op: '>=', version: v([M, mi, 0], z) }, { op: '<', version: v([M, num(mi) + 1, 0], ZERO_PRE) }];
    return [{ op: '>=', version: v([M, mi, p], pre ? pre.split('.') : []) }, { op: '<', version: v([M, num(mi) + 1, 0], ZERO_PRE) }];
  }
  if ((m = new RegExp(`^\\^${part}$`).exec(comp))) {
    const [M, mi, p, pre] = m.slice(1) as Partial;
    if (isX(M)) return [];
    if (isX(mi)) return [{ op: '>=', version: v([M, 0, 0], z) }, { op: '<', version: v([num(M) + 1, 0, 0], ZERO_PRE) }];
    if (isX(p)) {
      const upper = M === '0' ? v([M, num(mi) + 1, 0], ZERO_PRE) : v([num(M) + 1, 0, 0], ZERO_PRE);
      return [{ op: '>=', version: v([M, mi, 0], z) }, { op: '<', version: upper }];
    }
    const lower = v([M, mi, p], pre ? pre.split('.') : []);
    const upper = M === '0' ? (mi === '0' ? v([M, mi, num(p) + 1], ZERO_PRE) : v([M, num(mi) + 1, 0], ZERO_PRE)) : v([num(M) + 1, 0, 0], ZERO_PRE);
    return [{ op: '>=', version: lower }, { op: '<', version: upper }];
  }
  if ((m = new RegExp(`^(<=|>=|<|>|=)?\\s*${part}$`).exec(comp))) {
    let op = (m[1] ?? '') as Comparator['op'] | '';
    const [M, mi, p, pre] = m.slice(2) as Partial;
    const anyX = isX(M) || isX(mi) || isX(p);
    if (op === '=' && anyX) op = '';
    if (isX(M)) {
      if (op === '<' || op === '>') return [{ op: '<', version: v([0, 0, 0], ZERO_PRE) }];
      return [];
    }
    if (op && anyX) {
      let [a, b, c] = [num(M), isX(mi) ? 0 : num(mi), 0];
      if (!isX(p)) c = num(p);
      let pr = options.includePrerelease ? ZERO_PRE : [];
      if (op === '>') {
        // ">1" is ">=2.0.0", ">1.2" is ">=1.3.0".
        op = '>=';
        if (isX(mi)) [a, b, c] = [a + 1, 0, 0];
        else [b, c] = [b + 1, 0];
      } else if (op === '<=') {
        // "<=0.7.x" is "<0.8.0".
        op = '<';
        if (isX(mi)) a += 1;
        else b += 1;
      }
      if (op === '<') pr = ZERO_PRE;
      return [{ op, version: v([a, b, c], pr) }];
    }
    if (isX(mi)) return [{ op: '>=', version: v([M, 0, 0], z) }, { op: '<', version: v([num(M) + 1, 0, 0], ZERO_PRE) }];
    if (isX(p)) return [{ op: '>=', version: v([M, mi, 0], z) }, { op: '<', version: v([M, num(mi) + 1, 0], ZERO_PRE) }];
    return [{ op: op || '=', version: v([M, mi, p], pre ? pre.split('.') : []) }];
  }
  throw new InvalidRange(comp);
}

function hyphen(from: Partial, to: Partial, options: NpmRangeOptions): Comparator[] {
  const z = options.includePrerelease ? ZERO_PRE : [];
  const out: Comparator[] = [];
  const [fM, fm, fp, fpre] = from;
  if (!isX(fM)) out.push({ op: '>=', version: isX(fm) ? v([fM ?? 0, 0, 0], z) : isX(fp) ? v([fM ?? 0, fm ?? 0, 0], z) : v([fM ?? 0, fm ?? 0, fp ?? 0], fpre ? fpre.split('.') : z) });
  const [tM, tm, tp, tpre] = to;
  if (!isX(tM)) {
    if (isX(tm)) out.push({ op: '<', version: v([Number(tM) + 1, 0, 0], ZERO_PRE) });
    else if (isX(tp)) out.push({ op: '<', version: v([tM ?? 0, Number(tm) + 1, 0], ZERO_PRE) });
    else if (tpre) out.push({ op: '<=', version: v([tM ?? 0, tm ?? 0, tp ?? 0], tpre.split('.')) });
    else if (options.includePrerelease) out.push({ op: '<', version: v([tM ?? 0, tm ?? 0, Number(tp) + 1], ZERO_PRE) });
    else out.push({ op: '<=', version: v([tM ?? 0, tm ?? 0, tp ?? 0]) });
  }
  return out;
}

function parseSet(text: string, options: NpmRangeOptions): Comparator[] {
  const part = partialPattern(options.loose === true);
  const h = new RegExp(`^\\s*${part}\\s+-\\s+${part}\\s*$`).exec(text);
  if (h) return hyphen(h.slice(1, 5) as Partial, h.slice(5, 9) as Partial, options);
  // An operator may be separated from its version by blanks: "> 1.2", "~ 1.0", "<\t2".
  const compact = text.trim().replace(/(~>?|\^|[<>]=?|=)\s+/g, '$1');
  if (compact === '') return [];
  return compact.split(/\s+/).flatMap((comp) => desugar(comp, options));
}

function holds(version: SemverVersion, c: Comparator): boolean {
  const d = compareSemver(version, c.version);
  switch (c.op) {
    case '<':
      return d < 0;
    case '<=':
      return d <= 0;
    case '>':
      return d > 0;
    case '>=':
      return d >= 0;
    default:
      return d === 0;
  }
}

function setHolds(version: SemverVersion, set: readonly Comparator[], options: NpmRangeOptions): boolean {
  if (!set.every((c) => holds(version, c))) return false;
  if (version.prerelease.length === 0 || options.includePrerelease) return true;
  const same = (c: Comparator) => c.version.core.join('.') === version.core.join('.');
  return set.some((c) => c.version.prerelease.length > 0 && same(c));
}

/** Does `version` satisfy the npm range? An invalid version or range satisfies nothing. */
export function satisfiesNpmRange(version: string, range: string, options: NpmRangeOptions = {}): boolean {
  const parsed = parseNpmVersion(version, options.loose === true);
  if (!parsed) return false;
  let sets: Comparator[][];
  try {
    sets = range.split('||').map((set) => parseSet(set, options));
  } catch (error) {
    if (error instanceof InvalidRange) return false;
    throw error;
  }
  return sets.some((set) => setHolds(parsed, set, options));
}
