// Turns inventory facts into what the matcher reads: distribution packages (dpkg, rpm, apk) take
// the distribution's ecosystem from os-release, keeping their source name and version; jars with
// Maven coordinates become Maven packages named "groupId:artifactId".
import type { MatchablePackage } from '../../model/advisory.js';
import type { Jar, Package } from '../../model/inventory.js';
import { ecosystemBase } from './package-name.js';
import { purlOf } from './purl.js';

const FORMAT_OF: Record<string, Package['format']> = { Debian: 'dpkg', Ubuntu: 'dpkg', Alpine: 'apk', 'Rocky Linux': 'rpm', AlmaLinux: 'rpm' };

export interface AdaptedPackages {
  readonly packages: MatchablePackage[];
  readonly notes: string[];
}

export function matchableFromInventory(packages: readonly Package[], jars: readonly Jar[], distroEcosystem: string | null, whyNoEcosystem?: string): AdaptedPackages {
  const out: MatchablePackage[] = [];
  const notes: string[] = [];
  const expected = distroEcosystem ? FORMAT_OF[ecosystemBase(distroEcosystem)] : undefined;
  const unmatched = new Map<string, number>();
  for (const p of packages) {
    // A package of another format than the distribution's (an rpm database on Debian) has no
    // advisories we could pick for it.
    if (!distroEcosystem || p.format !== expected) {
      unmatched.set(p.format, (unmatched.get(p.format) ?? 0) + 1);
      continue;
    }
    out.push({
      name: p.name,
      version: p.version,
      ecosystem: distroEcosystem,
      sourceName: p.sourceName,
      sourceVersion: p.sourceVersion,
      location: p.database,
      purl: purlOf({ name: p.name, version: p.version, ecosystem: distroEcosystem }, p.architecture),
    });
  }
  for (const [format, count] of unmatched) {
    notes.push(`${count} ${format} packages not matched: ${distroEcosystem ? `the distribution's ecosystem ${distroEcosystem} uses ${expected ?? 'another'} packages` : (whyNoEcosystem ?? 'no distribution ecosystem')}`);
  }
  let anonymous = 0;
  for (const jar of jars) {
    if (!jar.groupId || !jar.artifactId || !jar.version) {
      anonymous++;
      continue;
    }
    const name = `${jar.groupId}:${jar.artifactId}`;
    out.push({ name, version: jar.version, ecosystem: 'Maven', location: jar.path, purl: purlOf({ name, version: jar.version, ecosystem: 'Maven' }) });
  }
  if (anonymous > 0) notes.push(`${anonymous} jars without Maven coordinates (groupId, artifactId, version) not matched`);
  return { packages: out, notes };
}
