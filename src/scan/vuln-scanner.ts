// The `vuln` scanner: inventories the packages of a view (distribution packages, jars and language
// packages, through the collectors' registry), picks the distribution's OSV ecosystem from os-release and matches
// them against the advisory database. Options: `db` (database file; default: the imported one,
// else the bundled sample), `severity` (list of levels to keep), `ignoreUnfixed`, and
// `inventory` (packages, jars and language packages already collected, e.g. by the agent: then the
// view is not read).
import type { Collector } from '../collectors/collector.js';
import { SharedDiskWalk } from '../collectors/disk-walk/disk-walk.js';
import { collectors } from '../collectors/index.js';
import { distroEcosystem } from '../engines/advisory/distro-ecosystem.js';
import { matchableFromInventory } from '../engines/advisory/inventory-adapter.js';
import { matchableLanguagePackages } from '../engines/advisory/language-adapter.js';
import { matchPackages } from '../engines/advisory/matcher.js';
import { parseOsRelease } from '../engines/advisory/os-release.js';
import { VulnerabilitySeverity, type Vulnerability, type VulnerabilityScanSummary } from '../model/advisory.js';
import type { Jar, LanguagePackage, Package } from '../model/inventory.js';
import type { SystemView } from '../view/system-view.js';
import { AdvisoryDatabase } from '../vulndb/advisory-db.js';
import { resolveDatabasePath } from '../vulndb/sample-db.js';
import type { ScanContext, ViewScanner } from './scanner.js';
import { parseSeverities } from './severity-option.js';

/** Report order: worst first, unrated last. */
const SEVERITY_ORDER: readonly string[] = VulnerabilitySeverity.options;

async function osRelease(view: SystemView) {
  for (const path of ['/etc/os-release', '/usr/lib/os-release']) {
    const text = await view.readText(path, { maxBytes: 64 * 1024 });
    if (text !== null) return parseOsRelease(text);
  }
  return null;
}

type Collected<K> = K extends 'packages' ? Package : K extends 'jars' ? Jar : LanguagePackage;

async function collect<K extends 'packages' | 'jars' | 'languagePackages'>(kind: K, view: SystemView, context: ScanContext, disk: SharedDiskWalk): Promise<Collected<K>[]> {
  const items: unknown[] = [];
  for (const collector of collectors.filter((c): c is Collector => c.kind === kind)) {
    if (collector.liveOnly && !view.live) continue;
    const output = await collector.collect(view, { now: context.now, disk });
    items.push(...output.items);
    for (const warning of output.warnings) context.warn(warning);
    for (const hidden of output.notVisible) context.warn({ source: collector.name, path: hidden.path, message: hidden.message });
  }
  return items as Collected<K>[];
}

function listOption(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String).flatMap((v) => v.split(','));
  return typeof value === 'string' ? value.split(',') : [];
}

export function filterVulnerabilities(found: readonly Vulnerability[], options: Readonly<Record<string, unknown>>): Vulnerability[] {
  const severities = parseSeverities(listOption(options.severity).join(','));
  return found.filter((v) => (severities.size === 0 || severities.has(v.severity)) && !(options.ignoreUnfixed === true && v.fixedVersion === null));
}

export const vulnScanner: ViewScanner = {
  name: 'vuln',
  // 2: unrated advisories rated by their CVE alias record.
  version: 2,
  async scan(view, context) {
    const given = context.options.inventory as { packages?: Package[]; jars?: Jar[]; languagePackages?: LanguagePackage[]; host?: { os?: { id: string | null; idLike: string[]; versionId: string | null; version: string | null } } | null } | undefined;
    const os = given?.host?.os ?? (await osRelease(view));
    const distro = os ? distroEcosystem(os) : { ecosystem: null, reason: 'no /etc/os-release' };
    // Jars and language packages are found by one walk of the disk.
    const disk = new SharedDiskWalk(view);
    const packages = given?.packages ?? (await collect('packages', view, context, disk));
    const jars = given?.jars ?? (await collect('jars', view, context, disk));
    const languagePackages = given?.languagePackages ?? (await collect('languagePackages', view, context, disk));
    const distribution = matchableFromInventory(packages, jars, distro.ecosystem, distro.ecosystem === null ? distro.reason : undefined);
    const language = matchableLanguagePackages(languagePackages);
    const adapted = { packages: [...distribution.packages, ...language.packages], notes: [...distribution.notes, ...language.notes] };

    const database = AdvisoryDatabase.open(await resolveDatabasePath(typeof context.options.db === 'string' ? context.options.db : undefined));
    try {
      const result = matchPackages(adapted.packages, database, { now: context.now() });
      const info = database.info();
      const notes = [...adapted.notes, ...result.problems.map((p) => `${p.package} ${p.version}: ${p.message}`), ...result.notes];
      for (const problem of result.problems) context.warn({ source: 'vuln', message: `${problem.package} ${problem.version}: not matched: ${problem.message}` });
      const summary: VulnerabilityScanSummary = {
        ecosystems: [...new Set(adapted.packages.map((p) => p.ecosystem))].sort(),
        packagesScanned: adapted.packages.length,
        database: { path: info.path, builtAt: info.builtAt, advisories: info.advisories },
        notes,
      };
      return { vulnerabilities: filterVulnerabilities(result.vulnerabilities, context.options), vulnerabilityScan: summary };
    } finally {
      database.close();
    }
  },
  renderTable(sections) {
    const found = (sections.vulnerabilities ?? []) as Vulnerability[];
    const summary = sections.vulnerabilityScan as VulnerabilityScanSummary | undefined;
    const counts = SEVERITY_ORDER.map((s) => `${s} ${found.filter((v) => v.severity === s).length}`).join(', ');
    const lines = [`Vulnerabilities: ${found.length} (${counts}) in ${summary?.packagesScanned ?? 0} packages [${summary?.ecosystems.join(', ') ?? ''}]`];
    const sorted = [...found].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.package.localeCompare(b.package) || a.id.localeCompare(b.id));
    const rows = sorted.map((v) => [v.severity.toUpperCase(), v.id, v.aliases.find((a) => a.startsWith('CVE-')) ?? '', v.package, v.installedVersion, v.fixedVersion ?? '(no fix)', v.summary ?? '']);
    if (rows.length > 0) {
      const header = ['SEVERITY', 'ID', 'CVE', 'PACKAGE', 'INSTALLED', 'FIXED', 'SUMMARY'];
      const widths = header.map((h, i) => Math.min(48, Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length))));
      const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c.slice(0, 80) : c.slice(0, widths[i]).padEnd(widths[i] ?? 0))).join('  ');
      lines.push(line(header), ...rows.map(line));
    }
    for (const note of summary?.notes ?? []) lines.push(`note: ${note}`);
    return lines.join('\n');
  },
};
