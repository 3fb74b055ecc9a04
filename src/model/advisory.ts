// Advisories in the OSV format (https://ossf.github.io/osv-schema/, schema 1.7) and the
// vulnerabilities found by matching them against packages (issue 4). The OSV schema is validated
// at the import boundary; unknown fields are kept in the stored record but not typed here.
import { z } from 'zod';
import { Severity } from './common.js';

const Text = z.string();
const Record_ = z.record(z.string(), z.unknown());

/** One event of a range: exactly one of its keys is set (OSV "affected[].ranges[].events"). */
export const OsvEvent = z.union([
  z.object({ introduced: Text }).strict(),
  z.object({ fixed: Text }).strict(),
  z.object({ last_affected: Text }).strict(),
  z.object({ limit: Text }).strict(),
]);
export type OsvEvent = z.infer<typeof OsvEvent>;

export const OsvRangeType = z.enum(['ECOSYSTEM', 'SEMVER', 'GIT']);

export const OsvRange = z.object({
  type: OsvRangeType,
  repo: Text.optional(),
  events: z.array(OsvEvent).min(1),
  database_specific: Record_.optional(),
});
export type OsvRange = z.infer<typeof OsvRange>;

export const OsvSeverity = z.object({
  type: z.string().min(1),
  score: z.string().min(1),
});
export type OsvSeverity = z.infer<typeof OsvSeverity>;

export const OsvAffected = z.object({
  package: z
    .object({
      ecosystem: z.string().min(1),
      name: z.string().min(1),
      purl: Text.optional(),
    })
    .optional(),
  severity: z.array(OsvSeverity).optional(),
  ranges: z.array(OsvRange).optional(),
  versions: z.array(Text).optional(),
  ecosystem_specific: Record_.optional(),
  database_specific: Record_.optional(),
});
export type OsvAffected = z.infer<typeof OsvAffected>;

export const OsvReference = z.object({ type: z.string(), url: z.string() });

export const OsvRecord = z.object({
  schema_version: Text.optional(),
  id: z.string().min(1).max(256),
  modified: z.string().min(1),
  published: Text.optional(),
  withdrawn: Text.optional(),
  aliases: z.array(Text).nullish(),
  upstream: z.array(Text).nullish(),
  related: z.array(Text).nullish(),
  summary: Text.optional(),
  details: Text.optional(),
  severity: z.array(OsvSeverity).nullish(),
  affected: z.array(OsvAffected).nullish(),
  references: z.array(OsvReference).nullish(),
  database_specific: Record_.optional(),
});
export type OsvRecord = z.infer<typeof OsvRecord>;

/** What the matcher needs of an installed package, whatever collector found it. */
export const MatchablePackage = z.object({
  name: z.string().min(1),
  version: z.string(),
  /** OSV ecosystem, with the distribution release where the ecosystem has one ("Debian:12"). */
  ecosystem: z.string().min(1),
  /** Debian/Ubuntu source package, Alpine origin: what distribution advisories name. */
  sourceName: z.string().nullish(),
  sourceVersion: z.string().nullish(),
  purl: z.string().nullish(),
  /** Where it was found: a package database or a file path inside the view. */
  location: z.string().nullish(),
});
export type MatchablePackage = z.infer<typeof MatchablePackage>;

/** Severity of a vulnerability: the product's four levels, or unknown when no source rates it. */
export const VulnerabilitySeverity = z.enum([...Severity.options, 'unknown']);
export type VulnerabilitySeverity = z.infer<typeof VulnerabilitySeverity>;

export const Vulnerability = z.object({
  /** The advisory id (DSA-5417-1, GHSA-…, PYSEC-…). */
  id: z.string(),
  /** CVE and other ids the advisory names as aliases or upstream ids. */
  aliases: z.array(z.string()),
  package: z.string(),
  installedVersion: z.string(),
  /** The first fixed version above the installed one; null when there is no fix yet. */
  fixedVersion: z.string().nullable(),
  severity: VulnerabilitySeverity,
  /** CVSS base score computed from the advisory's vector; null when it gives none. */
  score: z.number().nullable(),
  cvssVector: z.string().nullable(),
  ecosystem: z.string(),
  /** The name the advisory used when it differs (a Debian source package for a binary). */
  advisoryPackage: z.string(),
  summary: z.string().nullable(),
  references: z.array(z.string()),
  purl: z.string().nullable(),
  location: z.string().nullable(),
  published: z.string().nullable(),
  modified: z.string(),
});
export type Vulnerability = z.infer<typeof Vulnerability>;

/**
 * The report sections of the `vuln` scanner: `vulnerabilities` (what `palisade scan --format json`
 * prints as `{"vulnerabilities": [...]}`) and `vulnerabilityScan`, what was matched against what.
 */
export const VulnerabilityScanSummary = z.object({
  /** The OSV ecosystems the scanned system's packages were matched in. */
  ecosystems: z.array(z.string()),
  packagesScanned: z.number().int(),
  database: z.object({ path: z.string(), builtAt: z.string().nullable(), advisories: z.number().int() }),
  /** Packages whose version could not be read, GIT-only ranges, unusable CVSS vectors… */
  notes: z.array(z.string()),
});
export type VulnerabilityScanSummary = z.infer<typeof VulnerabilityScanSummary>;

export const VulnerabilitySections = z.object({
  vulnerabilities: z.array(Vulnerability),
  vulnerabilityScan: VulnerabilityScanSummary,
});
export type VulnerabilitySections = z.infer<typeof VulnerabilitySections>;
