// The generic runner every `palisade scan` target uses: the chosen scanners run once over one
// view, each fills its report sections, and warnings from all of them are collected in one list.
// Unknown scanner names are refused before anything runs, naming the known ones.
import { REPORT_SCHEMA_VERSION, type Report } from '../model/report.js';
import type { ScanWarning } from '../model/common.js';
import { VulnerabilitySeverity } from '../model/advisory.js';
import { PALISADE_VERSION } from '../version.js';
import type { SystemView } from '../view/system-view.js';
import { scanners as registry } from './index.js';
import type { ViewScanner } from './scanner.js';

export interface ScanRequest {
  readonly view: SystemView;
  readonly scanners: readonly string[];
  readonly options?: Readonly<Record<string, unknown>>;
  readonly now?: () => Date;
}

export interface ScanResult {
  readonly report: Report;
  /** The scanners that ran, in order: the table writer asks each to render its sections. */
  readonly ran: readonly ViewScanner[];
}

export class UnknownScannerError extends Error {}

export function selectScanners(names: readonly string[], known: ReadonlyMap<string, ViewScanner> = registry): ViewScanner[] {
  return [...new Set(names)].map((name) => {
    const scanner = known.get(name);
    if (!scanner) throw new UnknownScannerError(`unknown scanner "${name}"; known: ${[...known.keys()].join(', ')}`);
    return scanner;
  });
}

export async function runScan(request: ScanRequest): Promise<ScanResult> {
  const now = request.now ?? (() => new Date());
  const selected = selectScanners(request.scanners);
  const warnings: ScanWarning[] = [];
  const startedAt = now().toISOString();
  const sections: Record<string, unknown> = {};
  for (const scanner of selected) {
    try {
      Object.assign(sections, await scanner.scan(request.view, { now, options: request.options ?? {}, warn: (w) => warnings.push(w) }));
    } catch (error) {
      // One scanner failing does not lose the others' results (STYLE.md habit 12).
      warnings.push({ source: scanner.name, message: `scanner failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    palisadeVersion: PALISADE_VERSION,
    target: { kind: request.view.kind, name: request.view.name },
    startedAt,
    finishedAt: now().toISOString(),
    scanners: selected.map((scanner) => ({ name: scanner.name, version: scanner.version })),
    ...sections,
    warnings,
  };
  return { report, ran: selected };
}

/**
 * Rows with a severity anywhere in the report's sections (a list, or lists inside a section
 * object), counted for `--exit-code`. Inventory rows have none.
 */
export function countFindings(report: Report, severities: ReadonlySet<VulnerabilitySeverity>): number {
  let count = 0;
  const visit = (value: unknown, depth: number) => {
    if (Array.isArray(value)) {
      for (const row of value) {
        // Baseline rows carry a severity whatever their result: only a failed check is a finding.
        if (row && typeof row === 'object' && 'result' in row && (row as { result?: unknown }).result !== 'failed') continue;
        const severity = row && typeof row === 'object' ? VulnerabilitySeverity.safeParse((row as { severity?: unknown }).severity) : null;
        if (severity?.success && severities.has(severity.data)) count += 1;
      }
    } else if (value && typeof value === 'object' && depth < 2) {
      for (const inner of Object.values(value)) visit(inner, depth + 1);
    }
  };
  for (const [key, value] of Object.entries(report)) if (key !== 'warnings' && key !== 'scanners') visit(value, 0);
  return count;
}
