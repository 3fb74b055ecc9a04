// Alpine apk versions: digits{.digits}[letter]{_suffix[N]}[~hash][-rN], ordered as apk-tools
// orders them (token by token; pre-release suffixes sort before the end of the version).
import { VersionParseError, compareDigits, schemeFromParser } from './scheme.js';

// Token kinds in the order apk-tools numbers them: when two versions differ in the kind of the
// next token, the one with the higher kind is the older version (END is highest).
const enum Kind {
  Digit = 1,
  Letter = 2,
  Suffix = 3,
  SuffixNumber = 4,
  Hash = 5,
  Revision = 6,
  End = 7,
}

interface Token {
  readonly kind: Kind;
  readonly text: string;
  /** Suffixes only: negative for pre-release suffixes, positive for post-release ones. */
  readonly rank?: number;
}

const PRE_SUFFIXES = ['alpha', 'beta', 'pre', 'rc'];
const POST_SUFFIXES = ['cvs', 'svn', 'git', 'hg', 'p'];

function suffixRank(name: string): number | undefined {
  const pre = PRE_SUFFIXES.indexOf(name);
  if (pre >= 0) return pre - PRE_SUFFIXES.length;
  const post = POST_SUFFIXES.indexOf(name);
  return post >= 0 ? post + 1 : undefined;
}

export function tokenizeApkVersion(input: string): readonly Token[] {
  const fail = (reason: string) => new VersionParseError('apk', input, reason);
  const s = input.trim();
  const tokens: Token[] = [];
  const leading = /^\d+/.exec(s);
  if (!leading) throw fail(s === '' ? 'empty version' : 'does not start with a digit');
  tokens.push({ kind: Kind.Digit, text: leading[0] });
  let i = leading[0].length;
  let last = Kind.Digit as Kind;
  const step = (kind: Kind, text: string, length: number, rank?: number) => {
    // apk accepts the parts of a version only in their fixed order.
    const allowed = kind > last || (kind === Kind.Digit && (last === Kind.Digit || last === Kind.Letter)) || (kind === Kind.Suffix && last === Kind.SuffixNumber) || (kind === Kind.Suffix && last === Kind.Suffix);
    if (!allowed) throw fail(`unexpected ${JSON.stringify(s.slice(i, i + length))} at offset ${i}`);
    tokens.push(rank === undefined ? { kind, text } : { kind, text, rank });
    last = kind;
    i += length;
  };
  while (i < s.length) {
    const rest = s.slice(i);
    let m: RegExpExecArray | null;
    if ((m = /^\.(\d+)/.exec(rest))) step(Kind.Digit, m[1] ?? '', m[0].length);
    // A letter may be followed by more digits ("5.1p1"): apk reads them as a further number.
    else if (last === Kind.Letter && (m = /^\d+/.exec(rest))) step(Kind.Digit, m[0], m[0].length);
    else if ((m = /^[a-z](?![a-z])/.exec(rest)) && last === Kind.Digit) step(Kind.Letter, m[0], 1);
    else if ((m = /^_([a-z]+)(\d*)/.exec(rest))) {
      const rank = suffixRank(m[1] ?? '');
      if (rank === undefined) throw fail(`unknown suffix _${m[1]}`);
      step(Kind.Suffix, m[1] ?? '', 1 + (m[1] ?? '').length, rank);
      if (m[2]) step(Kind.SuffixNumber, m[2], m[2].length);
    } else if ((m = /^~([0-9a-f]+)/.exec(rest))) step(Kind.Hash, m[1] ?? '', m[0].length);
    else if ((m = /^-r(\d*)$/.exec(rest))) step(Kind.Revision, m[1] || '0', m[0].length);
    else throw fail(`unexpected ${JSON.stringify(rest)} at offset ${i}`);
  }
  tokens.push({ kind: Kind.End, text: '' });
  return tokens;
}

function compareToken(a: Token, b: Token, index: number): number {
  switch (a.kind) {
    case Kind.Digit:
      // After the first number, a component with a leading zero compares as a decimal fraction.
      if (index > 0 && (a.text.startsWith('0') || b.text.startsWith('0'))) return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
      return compareDigits(a.text, b.text);
    case Kind.Suffix:
      return (a.rank ?? 0) - (b.rank ?? 0);
    case Kind.SuffixNumber:
    case Kind.Revision:
      return compareDigits(a.text, b.text);
    default:
      return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
  }
}

export function compareApkTokens(a: readonly Token[], b: readonly Token[]): number {
  for (let k = 0; ; k++) {
    const ta = a[k] ?? { kind: Kind.End, text: '' };
    const tb = b[k] ?? { kind: Kind.End, text: '' };
    if (ta.kind !== tb.kind) {
      // A pre-release suffix is older than anything else that could follow.
      if (ta.kind === Kind.Suffix && (ta.rank ?? 0) < 0) return -1;
      if (tb.kind === Kind.Suffix && (tb.rank ?? 0) < 0) return 1;
      return ta.kind > tb.kind ? -1 : 1;
    }
    if (ta.kind === Kind.End) return 0;
    const diff = compareToken(ta, tb, k);
    if (diff !== 0) return diff;
  }
}

export const apkScheme = schemeFromParser('apk', ['Alpine', 'Wolfi', 'Chainguard'], tokenizeApkVersion, compareApkTokens);
