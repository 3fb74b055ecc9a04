// Vulnerabilities as a CycloneDX 1.5 BOM (JSON): the scanned system as metadata.component, each
// affected package as a component, each advisory as a `vulnerabilities` entry whose `affects`
// points at the components it was found in (CycloneDX 1.5 "Vulnerabilities", VEX/VDR use).
import { randomUUID } from 'node:crypto';
import type { Vulnerability } from '../model/advisory.js';
import { PALISADE_VERSION } from '../version.js';
import type { ReportWriter } from './writer.js';

export interface CycloneDxOptions {
  /** What was scanned: a host name, a directory, an image reference. */
  readonly target: string;
  readonly targetType?: 'operating-system' | 'container' | 'application' | 'file';
  /** The scan's clock, for metadata.timestamp. */
  readonly now: Date;
  /** urn:uuid:… (RFC 4122); a random one by default. */
  readonly serialNumber?: string;
}

function ratingMethod(vector: string | null): string | undefined {
  if (!vector) return undefined;
  if (vector.startsWith('CVSS:4.0')) return 'CVSSv4';
  if (vector.startsWith('CVSS:3.1')) return 'CVSSv31';
  if (vector.startsWith('CVSS:3.0')) return 'CVSSv3';
  return 'other';
}

// Where an advisory id is published, for vulnerabilities[].source.
function sourceOf(id: string): { name: string; url?: string } {
  if (id.startsWith('GHSA-')) return { name: 'GitHub Advisory Database', url: `https://github.com/advisories/${id}` };
  if (id.startsWith('CVE-')) return { name: 'NVD', url: `https://nvd.nist.gov/vuln/detail/${id}` };
  return { name: 'OSV', url: `https://osv.dev/vulnerability/${id}` };
}

export function vulnerabilitiesToCycloneDx(found: readonly Vulnerability[], options: CycloneDxOptions): object {
  const components = new Map<string, object>();
  const refOf = (v: Vulnerability) => {
    const ref = v.purl ?? `${v.ecosystem}/${v.package}@${v.installedVersion}`;
    if (!components.has(ref)) {
      components.set(ref, {
        'bom-ref': ref,
        type: 'library',
        name: v.package,
        version: v.installedVersion,
        ...(v.purl ? { purl: v.purl } : {}),
        properties: [{ name: 'palisade:ecosystem', value: v.ecosystem }, ...(v.location ? [{ name: 'palisade:location', value: v.location }] : [])],
      });
    }
    return ref;
  };

  // One entry per advisory; every package it was found in is one `affects` item.
  const byAdvisory = new Map<string, Vulnerability[]>();
  for (const v of found) byAdvisory.set(v.id, [...(byAdvisory.get(v.id) ?? []), v]);
  const vulnerabilities = [...byAdvisory.entries()].map(([id, list]) => {
    const first = list[0] as Vulnerability;
    const method = ratingMethod(first.cvssVector);
    const fixes = [...new Set(list.map((v) => (v.fixedVersion ? `${v.package} ${v.fixedVersion}` : null)).filter((x): x is string => x !== null))];
    return {
      'bom-ref': `vuln:${id}`,
      id,
      source: sourceOf(id),
      references: first.aliases.map((alias) => ({ id: alias, source: sourceOf(alias) })),
      ratings: [
        {
          ...(first.score !== null ? { score: first.score } : {}),
          severity: first.severity,
          ...(method ? { method } : {}),
          ...(first.cvssVector ? { vector: first.cvssVector } : {}),
        },
      ],
      ...(first.summary ? { description: first.summary } : {}),
      ...(fixes.length > 0 ? { recommendation: `Upgrade to ${fixes.join(', ')}` } : {}),
      advisories: first.references.map((url) => ({ url })),
      ...(first.published && !Number.isNaN(Date.parse(first.published)) ? { published: new Date(first.published).toISOString() } : {}),
      ...(!Number.isNaN(Date.parse(first.modified)) ? { updated: new Date(first.modified).toISOString() } : {}),
      affects: list.map((v) => ({ ref: refOf(v), versions: [{ version: v.installedVersion, status: 'affected' }] })),
    };
  });

  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    serialNumber: options.serialNumber ?? `urn:uuid:${randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: options.now.toISOString(),
      tools: { components: [{ type: 'application', name: 'palisade', version: PALISADE_VERSION }] },
      component: { 'bom-ref': 'scan-target', type: options.targetType ?? 'operating-system', name: options.target },
    },
    components: [...components.values()],
    vulnerabilities,
  };
}

/** `--format cyclonedx`: the report's vulnerabilities as a CycloneDX 1.5 BOM. */
export const cyclonedxWriter: ReportWriter = {
  name: 'cyclonedx',
  write: ({ report }) =>
    `${JSON.stringify(
      vulnerabilitiesToCycloneDx(report.vulnerabilities ?? [], {
        target: report.target.name,
        targetType: report.target.kind === 'image' || report.target.kind === 'container' ? 'container' : 'operating-system',
        now: new Date(report.finishedAt),
      }),
      null,
      2,
    )}\n`,
};
