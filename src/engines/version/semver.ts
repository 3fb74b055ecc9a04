// SemVer 2.0.0 precedence (§11) for npm, crates.io, Go modules, Hex, Pub and OSV's SEMVER range
// type. Lenient where OSV data needs it: a leading "v" or "=", and any number of numeric
// components (missing ones count as 0). Build metadata never affects order.
import { VersionParseError, compareDigits, schemeFromParser } from './scheme.js';

export interface SemverVersion {
  readonly core: readonly string[];
  readonly prerelease: readonly string[];
}

const SHAPE = /^(\d+(?:\.\d+)*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

export function parseSemver(input: string, scheme = 'semver'): SemverVersion {
  const text = input.trim().replace(/^=\s*/, '').replace(/^v\s*/i, '');
  const m = SHAPE.exec(text);
  if (!m) throw new VersionParseError(scheme, input, 'not a semantic version (MAJOR.MINOR.PATCH[-pre][+build])');
  return { core: (m[1] ?? '').split('.'), prerelease: m[2] ? m[2].split('.') : [] };
}

const numeric = (id: string) => /^\d+$/.test(id);

function compareIdentifiers(a: string, b: string): number {
  const an = numeric(a);
  const bn = numeric(b);
  if (an && bn) return compareDigits(a, b);
  // Numeric identifiers have lower precedence than alphanumeric ones (§11.4.3).
  if (an !== bn) return an ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareSemver(a: SemverVersion, b: SemverVersion, identifierCompare = compareIdentifiers): number {
  const n = Math.max(a.core.length, b.core.length);
  for (let i = 0; i < n; i++) {
    const diff = compareDigits(a.core[i] ?? '0', b.core[i] ?? '0');
    if (diff !== 0) return diff;
  }
  // A version with a pre-release sorts before the same version without one (§11.3).
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return b.prerelease.length - a.prerelease.length;
  const m = Math.max(a.prerelease.length, b.prerelease.length);
  for (let i = 0; i < m; i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const diff = identifierCompare(x, y);
    if (diff !== 0) return diff;
  }
  return 0;
}

export const semverScheme = schemeFromParser(
  'semver',
  ['npm', 'crates.io', 'Go', 'Hex', 'Pub', 'SwiftURL', 'Bitnami', 'GHC', 'Hackage'],
  (v) => parseSemver(v),
  (a, b) => compareSemver(a, b),
);
