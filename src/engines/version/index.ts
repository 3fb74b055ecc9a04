// Registry of version schemes by OSV ecosystem (the part before any ':' in "Debian:12").
// Adding a scheme adds one line to `members`; an ecosystem claimed twice throws.
import { apkScheme } from './apk.js';
import { cranScheme } from './cran.js';
import { dpkgScheme } from './dpkg.js';
import { genericScheme } from './generic.js';
import { mavenScheme } from './maven.js';
import { nugetScheme } from './nuget.js';
import { packagistScheme } from './packagist.js';
import { pep440Scheme } from './pep440.js';
import { rpmScheme } from './rpm.js';
import { rubygemsScheme } from './rubygems.js';
import type { VersionScheme } from './scheme.js';
import { semverScheme } from './semver.js';

export { VersionParseError, type VersionScheme } from './scheme.js';

const members: readonly VersionScheme[] = [
  dpkgScheme,
  rpmScheme,
  apkScheme,
  semverScheme,
  pep440Scheme,
  mavenScheme,
  rubygemsScheme,
  nugetScheme,
  packagistScheme,
  cranScheme,
];

const byEcosystem: ReadonlyMap<string, VersionScheme> = (() => {
  const map = new Map<string, VersionScheme>();
  for (const scheme of members) {
    for (const ecosystem of scheme.ecosystems) {
      if (map.has(ecosystem)) throw new Error(`ecosystem ${ecosystem} claimed by ${map.get(ecosystem)?.name} and ${scheme.name}`);
      map.set(ecosystem, scheme);
    }
  }
  return map;
})();

export const schemesByName: ReadonlyMap<string, VersionScheme> = new Map(members.concat(genericScheme).map((s) => [s.name, s]));

/** The scheme for an OSV ecosystem such as "Debian:12" or "PyPI"; the generic order otherwise. */
export function schemeForEcosystem(ecosystem: string): VersionScheme {
  const base = ecosystem.split(':')[0] ?? ecosystem;
  return byEcosystem.get(base) ?? genericScheme;
}
