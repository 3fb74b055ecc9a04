// Vulnerabilities as a SARIF 2.1.0 log (OASIS SARIF v2.1.0, §3.13 sarifLog, §3.14 run, §3.27
// result, §3.49 reportingDescriptor): one rule per advisory, one result per affected package.
// Locations are the package database or file the package was found in, relative to the scanned
// root (uriBaseId ROOTPATH, §3.4.4), so code-scanning consumers can show them.
import type { Vulnerability } from '../model/advisory.js';
import { PALISADE_VERSION } from '../version.js';
import type { ReportWriter } from './writer.js';

export interface SarifOptions {
  /** What was scanned: a host name, a directory, an image reference. */
  readonly target: string;
  /** The scanned root as a file path, for ROOTPATH; omitted for hosts and images. */
  readonly rootPath?: string;
}

const LEVEL: Record<Vulnerability['severity'], 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', unknown: 'note' };
// GitHub code scanning reads "security-severity" (a CVSS-like number) to rank results.
const NOMINAL_SCORE: Record<Vulnerability['severity'], string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '2.0', unknown: '0.0' };

function describe(v: Vulnerability): string {
  const cves = v.aliases.filter((a) => a.startsWith('CVE-'));
  const fix = v.fixedVersion ? `Fixed in ${v.fixedVersion}.` : 'No fixed version yet.';
  return `Package ${v.package} ${v.installedVersion} (${v.ecosystem}) is affected by ${v.id}${cves.length ? ` (${cves.join(', ')})` : ''}. ${fix}`;
}

export function vulnerabilitiesToSarif(found: readonly Vulnerability[], options: SarifOptions): object {
  const ruleIndex = new Map<string, number>();
  const rules: object[] = [];
  for (const v of found) {
    if (ruleIndex.has(v.id)) continue;
    ruleIndex.set(v.id, rules.length);
    const summary = v.summary ?? v.id;
    rules.push({
      id: v.id,
      name: v.ecosystem.includes(':') ? 'OsPackageVulnerability' : 'LanguagePackageVulnerability',
      shortDescription: { text: summary },
      fullDescription: { text: `${v.id}${v.aliases.length ? ` (${v.aliases.join(', ')})` : ''}: ${summary}` },
      ...(v.references[0] ? { helpUri: v.references[0] } : {}),
      help: { text: [summary, ...v.references].join('\n'), markdown: [`**${v.id}** ${summary}`, ...v.references.map((r) => `- <${r}>`)].join('\n') },
      defaultConfiguration: { level: LEVEL[v.severity] },
      properties: {
        tags: ['vulnerability', 'security', v.severity],
        precision: 'very-high',
        'security-severity': v.score !== null ? v.score.toFixed(1) : NOMINAL_SCORE[v.severity],
      },
    });
  }
  const results = found.map((v) => {
    const where = v.location ?? v.purl ?? v.package;
    const artifactLocation = where.startsWith('/') ? { uri: encodeURI(where.slice(1)), uriBaseId: 'ROOTPATH' } : { uri: where };
    return {
      ruleId: v.id,
      ruleIndex: ruleIndex.get(v.id),
      level: LEVEL[v.severity],
      message: { text: describe(v) },
      locations: [{ physicalLocation: { artifactLocation }, message: { text: `${v.package}@${v.installedVersion}` } }],
      partialFingerprints: { 'palisade/v1': `${v.id}|${v.package}|${v.installedVersion}|${where}` },
      properties: { package: v.package, installedVersion: v.installedVersion, fixedVersion: v.fixedVersion, ecosystem: v.ecosystem, purl: v.purl },
    };
  });
  const root = options.rootPath ? `file://${encodeURI(options.rootPath.endsWith('/') ? options.rootPath : `${options.rootPath}/`)}` : 'file:///';
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'Palisade', version: PALISADE_VERSION, rules } },
        originalUriBaseIds: { ROOTPATH: { uri: root } },
        results,
        properties: { target: options.target },
      },
    ],
  };
}

/** `--format sarif`: the report's vulnerabilities (none when the vuln scanner did not run). */
export const sarifWriter: ReportWriter = {
  name: 'sarif',
  write: ({ report }) => {
    const rootPath = report.target.kind === 'dir' ? report.target.name : undefined;
    return `${JSON.stringify(vulnerabilitiesToSarif(report.vulnerabilities ?? [], { target: report.target.name, ...(rootPath ? { rootPath } : {}) }), null, 2)}\n`;
  },
};
