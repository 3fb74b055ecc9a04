// Generated OSV advisories and installed packages for the vulnerability benchmarks: realistic
// shapes (distribution and language ecosystems, several advisories per package, branches), made
// deterministically so every run measures the same work.
import type { MatchablePackage, OsvRecord } from '../src/model/advisory.js';

const ECOSYSTEMS = ['npm', 'PyPI', 'Maven', 'Debian:12', 'Alpine:v3.19'] as const;

function versionFor(ecosystem: string, major: number, minor: number, patch: number): string {
  if (ecosystem === 'Debian:12') return `${major}.${minor}.${patch}-1+deb12u${(patch % 5) + 1}`;
  if (ecosystem === 'Alpine:v3.19') return `${major}.${minor}.${patch}-r${patch % 4}`;
  return `${major}.${minor}.${patch}`;
}

function packageName(ecosystem: string, i: number): string {
  return ecosystem === 'Maven' ? `org.example.g${i % 97}:artifact-${i}` : `pkg-${i}`;
}

/** `count` advisories over count/5 packages per ecosystem (about five advisories per package). */
export function* generateAdvisories(count: number): Generator<OsvRecord> {
  const names = Math.max(1, Math.floor(count / 5 / ECOSYSTEMS.length));
  for (let n = 0; n < count; n++) {
    const ecosystem = ECOSYSTEMS[n % ECOSYSTEMS.length] ?? 'npm';
    const pkg = Math.floor(n / ECOSYSTEMS.length) % names;
    const major = n % 3;
    const fixed = versionFor(ecosystem, major, (n * 7) % 20, (n * 13) % 30);
    yield {
      schema_version: '1.6.0',
      id: `BENCH-${String(n).padStart(7, '0')}`,
      modified: '2026-01-01T00:00:00Z',
      published: '2025-06-01T00:00:00Z',
      aliases: [`CVE-2099-${String(n).padStart(6, '0')}`],
      summary: `generated advisory ${n}`,
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N' }],
      affected: [
        {
          package: { ecosystem, name: packageName(ecosystem, pkg) },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: major === 0 ? '0' : versionFor(ecosystem, major, 0, 0) }, { fixed }] }],
        },
      ],
      references: [{ type: 'ADVISORY', url: `https://example.org/advisories/${n}` }],
    };
  }
}

/** Installed packages: half named in the advisories, half not (most real packages have none). */
export function generatePackages(count: number, advisories: number): MatchablePackage[] {
  const names = Math.max(1, Math.floor(advisories / 5 / ECOSYSTEMS.length));
  return Array.from({ length: count }, (_, i) => {
    const ecosystem = ECOSYSTEMS[i % ECOSYSTEMS.length] ?? 'npm';
    const known = i % 2 === 0;
    const index = known ? (i * 31) % names : names + i;
    return { name: packageName(ecosystem, index), version: versionFor(ecosystem, i % 3, (i * 3) % 20, (i * 11) % 30), ecosystem, sourceName: null, sourceVersion: null };
  });
}
