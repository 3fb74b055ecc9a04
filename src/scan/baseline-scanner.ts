// The `baseline` scanner: configuration checks from SCA policies (Wazuh's YAML format) over a
// view. Options (from the CLI or the agent):
//   policy            file(s) or directory(ies) of policies; default: Palisade's own (policies/)
//   trustedPolicies   policy ids whose `c:` command rules may run ('*' for all); on a live host only
//   onlyPolicies      evaluate only the policies with these ids (a server schedule's selection)
//   commandTimeoutMs  per command (default 10 s)
// A policy file that cannot be read or is rejected becomes a warning naming file, line and check
// id; the other policies still run. The section is `baseline`: one row per check.
import type { BaselineCheckResult } from '../model/baseline.js';
import type { Severity } from '../model/common.js';
import { evaluatePolicy, loadPolicies } from '../engines/baseline/index.js';
import type { SystemView } from '../view/system-view.js';
import { DEFAULT_POLICY_DIR, readPolicyFiles } from './baseline-policy-files.js';
import type { ScanContext, ViewScanner } from './scanner.js';
import { listOption, numberOption } from './view-regular-files.js';

function trusted(options: Readonly<Record<string, unknown>>): (policyId: string) => boolean {
  const ids = new Set(listOption(options, 'trustedPolicies').flatMap((value) => value.split(',').map((id) => id.trim())));
  return (policyId) => ids.has('*') || ids.has(policyId);
}

export async function scanBaseline(view: SystemView, context: ScanContext): Promise<BaselineCheckResult[]> {
  const { options } = context;
  const paths = listOption(options, 'policy');
  const { sources, errors: readErrors } = await readPolicyFiles(paths.length > 0 ? paths : [DEFAULT_POLICY_DIR]);
  for (const problem of readErrors) context.warn({ source: 'baseline', path: problem.file, message: `policy not read: ${problem.message}` });
  const isTrusted = trusted(options);
  const only = new Set(listOption(options, 'onlyPolicies'));
  const commandTimeoutMs = numberOption(options, 'commandTimeoutMs', 10_000);
  const rows: BaselineCheckResult[] = [];
  for (const loaded of loadPolicies(sources)) {
    for (const issue of loaded.errors) {
      const where = [issue.line ? `line ${issue.line}` : '', issue.checkId ? `check ${issue.checkId}` : ''].filter(Boolean).join(', ');
      const verdict = loaded.policy ? 'check rejected' : 'policy rejected';
      context.warn({ source: 'baseline', path: issue.file, message: `${verdict}${where ? ` (${where})` : ''}: ${issue.message}` });
    }
    if (!loaded.policy || (only.size > 0 && !only.has(loaded.policy.id))) continue;
    const evaluation = await evaluatePolicy(loaded.policy, view, { trustCommands: isTrusted(loaded.policy.id), commandTimeoutMs });
    rows.push(...evaluation.results);
  }
  return rows;
}

const RESULT_ORDER: Readonly<Record<string, number>> = { error: 0, failed: 1, not_applicable: 2, passed: 3 };
const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { critical: 0, high: 1, medium: 2, low: 3 };

interface Column {
  readonly header: string;
  readonly value: (row: BaselineCheckResult) => string;
  readonly max: number;
}

const COLUMNS: readonly Column[] = [
  { header: 'RESULT', value: (row) => row.result.replace('_', ' '), max: 14 },
  { header: 'SEVERITY', value: (row) => row.severity, max: 8 },
  { header: 'POLICY', value: (row) => row.policyId, max: 28 },
  { header: 'CHECK', value: (row) => row.checkId, max: 12 },
  { header: 'TITLE', value: (row) => row.title, max: 60 },
  { header: 'REASON', value: (row) => (row.result === 'passed' ? '-' : row.reason), max: 100 },
];

function cell(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ') || '-';
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function renderBaselineTable(rows: readonly BaselineCheckResult[]): string {
  if (rows.length === 0) return 'Baseline checks: none\n';
  const sorted = [...rows].sort(
    (a, b) =>
      (RESULT_ORDER[a.result] ?? 9) - (RESULT_ORDER[b.result] ?? 9) ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.policyId.localeCompare(b.policyId) ||
      a.checkId.localeCompare(b.checkId, undefined, { numeric: true }),
  );
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.result, (counts.get(row.result) ?? 0) + 1);
  const summary = ['passed', 'failed', 'not_applicable', 'error']
    .filter((result) => counts.has(result))
    .map((result) => `${counts.get(result)} ${result.replace('_', ' ')}`)
    .join(', ');
  const cells = sorted.map((row) => COLUMNS.map((column) => cell(column.value(row), column.max)));
  const widths = COLUMNS.map((column, i) => Math.max(column.header.length, ...cells.map((line) => (line[i] ?? '').length)));
  const line = (parts: readonly string[]) => `  ${parts.map((part, i) => part.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd();
  return [`Baseline checks (${rows.length}): ${summary}`, line(COLUMNS.map((column) => column.header)), ...cells.map(line)].join('\n') + '\n';
}

export const baselineScanner: ViewScanner = {
  name: 'baseline',
  version: 1,
  async scan(view, context) {
    return { baseline: await scanBaseline(view, context) };
  },
  renderTable(sections) {
    const rows = sections.baseline;
    return Array.isArray(rows) ? renderBaselineTable(rows as BaselineCheckResult[]) : '';
  },
};
