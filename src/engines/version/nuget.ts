// NuGet versions: SemVer with a fourth numeric component and case-insensitive pre-release labels.
import { compareSemver, parseSemver } from './semver.js';
import { schemeFromParser } from './scheme.js';

export const nugetScheme = schemeFromParser(
  'nuget',
  ['NuGet'],
  (v) => {
    const parsed = parseSemver(v, 'nuget');
    return { core: parsed.core, prerelease: parsed.prerelease.map((id) => id.toLowerCase()) };
  },
  (a, b) => compareSemver(a, b),
);
