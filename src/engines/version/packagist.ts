// Composer (Packagist) versions ordered as PHP's version_compare: the version is cut into parts at
// '.', '-', '_', '+' and at digit/letter switches; special words order
// dev < alpha = a < beta = b < RC = rc < (number) < pl = p; unknown words sort first.
import { VersionParseError, compareDigits, schemeFromParser } from './scheme.js';

const SPECIAL: readonly [string, number][] = [
  ['dev', 0], ['alpha', 1], ['a', 1], ['beta', 2], ['b', 2], ['RC', 3], ['rc', 3], ['#', 4], ['pl', 5], ['p', 5],
];

function specialRank(part: string): number {
  // PHP matches the word by prefix ("alpha1" is already split; "patch" counts as "p").
  for (const [word, rank] of SPECIAL) if (part.startsWith(word)) return rank;
  return -6;
}

export function splitPhpVersion(input: string): readonly string[] {
  const text = input.trim().replace(/^v/i, '');
  if (text === '') throw new VersionParseError('packagist', input, 'empty version');
  const parts = text.match(/\d+|[^\d.\-_+]+/g);
  if (!parts) throw new VersionParseError('packagist', input, 'no version parts');
  return parts;
}

function comparePart(a: string, b: string): number {
  const an = /^\d/.test(a);
  const bn = /^\d/.test(b);
  if (an && bn) return compareDigits(a, b);
  return (an ? 4 : specialRank(a)) - (bn ? 4 : specialRank(b));
}

export function comparePhpVersions(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const diff = comparePart(a[i] ?? '', b[i] ?? '');
    if (diff !== 0) return diff;
  }
  // The longer version wins when its next part is a number; a word is compared with "#".
  const restA = a[n];
  const restB = b[n];
  if (restA !== undefined) return /^\d/.test(restA) ? 1 : comparePhpVersions(a.slice(n), ['#']);
  if (restB !== undefined) return /^\d/.test(restB) ? -1 : comparePhpVersions(['#'], b.slice(n));
  return 0;
}

export const packagistScheme = schemeFromParser('packagist', ['Packagist'], splitPhpVersion, comparePhpVersions);
