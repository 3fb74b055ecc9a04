// Matches installed packages against advisories. Advisories come from an AdvisorySource that
// answers by (ecosystem, package name), so the matcher never scans the whole database (the
// database file indexes exactly that). Distribution advisories name source packages: a Debian or
// Ubuntu binary is matched by its source name and source version, an Alpine package by its origin.
import type { MatchablePackage, OsvAffected, OsvRecord, Vulnerability } from '../../model/advisory.js';
import { schemeForEcosystem, VersionParseError } from '../version/index.js';
import { ecosystemBase, normalizePackageName } from './package-name.js';
import { purlOf } from './purl.js';
import { evaluateAffected } from './ranges.js';
import { severityOf, type SeverityVerdict } from './severity.js';

export interface AdvisorySource {
  /** Every advisory with an `affected` entry for this ecosystem and normalized package name. */
  advisoriesFor(ecosystem: string, name: string): readonly OsvRecord[];
  /** One advisory by its id, when the source can tell (used to rate by an alias's record). */
  advisoryById?(id: string): OsvRecord | undefined;
}

export interface PackageProblem {
  readonly package: string;
  readonly version: string;
  readonly message: string;
}

export interface MatchResult {
  readonly vulnerabilities: Vulnerability[];
  /** Packages that could not be matched (unreadable version), reported, never guessed. */
  readonly problems: PackageProblem[];
  readonly notes: string[];
}

export interface MatchOptions {
  /** The scan's clock: a record withdrawn at or before now never matches. */
  readonly now: Date;
}

const SOURCE_NAMED = new Set(['Debian', 'Ubuntu', 'Alpine']);

/** The name and version distribution advisories use for this package. */
export function advisoryIdentity(pkg: MatchablePackage): { name: string; version: string } {
  const base = ecosystemBase(pkg.ecosystem);
  if (!SOURCE_NAMED.has(base)) return { name: pkg.name, version: pkg.version };
  let version = pkg.sourceVersion || pkg.version;
  // A binNMU rebuilds the binary as "<source version>+bN" from an unchanged source (Debian
  // Developer's Reference §5.10.2.1); the source advisory speaks of the source version.
  if (base !== 'Alpine' && !pkg.sourceVersion) version = version.replace(/\+b\d+$/, '');
  return { name: pkg.sourceName || pkg.name, version };
}

function withdrawn(record: OsvRecord, now: Date): boolean {
  if (record.withdrawn === undefined) return false;
  const at = Date.parse(record.withdrawn);
  // An unreadable withdrawal time still means the publisher withdrew it.
  return Number.isNaN(at) || at <= now.getTime();
}

function aliasesOf(record: OsvRecord): string[] {
  const ids = new Set([...(record.aliases ?? []), ...(record.upstream ?? [])]);
  ids.delete(record.id);
  return [...ids].sort();
}

/**
 * The advisory's own severity; when it has none (Debian DSAs and DLAs carry no rating), the
 * severity of the record of one of its CVE aliases, if the source holds one (osv.dev's CVE
 * records carry the NVD vectors).
 */
function rate(record: OsvRecord, entry: OsvAffected, source: AdvisorySource, notes: string[]): SeverityVerdict {
  const own = severityOf(record, entry);
  if (own.problem) notes.push(own.problem);
  if (own.severity !== 'unknown' || !source.advisoryById) return own;
  for (const alias of aliasesOf(record).filter((a) => a.startsWith('CVE-'))) {
    const other = source.advisoryById(alias);
    if (!other) continue;
    const verdict = severityOf(other, undefined);
    if (verdict.severity !== 'unknown') return verdict;
  }
  return own;
}

function finding(pkg: MatchablePackage, record: OsvRecord, installed: string, fixedVersion: string | null, advisoryName: string, severity: SeverityVerdict): Vulnerability {
  return {
    id: record.id,
    aliases: aliasesOf(record),
    package: pkg.name,
    installedVersion: installed,
    fixedVersion,
    severity: severity.severity,
    score: severity.score,
    cvssVector: severity.vector,
    ecosystem: pkg.ecosystem,
    advisoryPackage: advisoryName,
    summary: record.summary ?? (record.details ? record.details.split('\n')[0]?.slice(0, 200) ?? null : null),
    references: (record.references ?? []).map((r) => r.url),
    purl: pkg.purl ?? purlOf(pkg),
    location: pkg.location ?? null,
    published: record.published ?? null,
    modified: record.modified,
  };
}

export function matchPackages(packages: readonly MatchablePackage[], source: AdvisorySource, options: MatchOptions): MatchResult {
  const vulnerabilities: Vulnerability[] = [];
  const problems: PackageProblem[] = [];
  const notes = new Set<string>();
  const seen = new Set<string>();
  for (const pkg of packages) {
    const identity = advisoryIdentity(pkg);
    const key = normalizePackageName(pkg.ecosystem, identity.name);
    const scheme = schemeForEcosystem(pkg.ecosystem);
    try {
      scheme.validate(identity.version);
    } catch (error) {
      if (!(error instanceof VersionParseError)) throw error;
      problems.push({ package: pkg.name, version: pkg.version, message: error.message });
      continue;
    }
    for (const record of source.advisoriesFor(pkg.ecosystem, key)) {
      if (withdrawn(record, options.now)) continue;
      for (const entry of record.affected ?? []) {
        const named = entry.package;
        if (!named || named.ecosystem !== pkg.ecosystem || normalizePackageName(named.ecosystem, named.name) !== key) continue;
        const rangeNotes: string[] = [];
        const verdict = evaluateAffected(identity.version, entry, scheme, record.id);
        for (const note of verdict.notes) rangeNotes.push(note);
        rangeNotes.forEach((n) => notes.add(n));
        if (!verdict.affected) continue;
        const dedupe = `${record.id}\u0000${pkg.name}\u0000${pkg.version}\u0000${pkg.location ?? ''}`;
        if (seen.has(dedupe)) continue;
        seen.add(dedupe);
        const findingNotes: string[] = [];
        vulnerabilities.push(finding(pkg, record, pkg.version, verdict.fixedVersion, named.name, rate(record, entry, source, findingNotes)));
        findingNotes.forEach((n) => notes.add(n));
      }
    }
  }
  vulnerabilities.sort((a, b) => a.package.localeCompare(b.package) || a.id.localeCompare(b.id));
  return { vulnerabilities, problems, notes: [...notes] };
}
