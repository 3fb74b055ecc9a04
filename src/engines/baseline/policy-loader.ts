// Loads one SCA policy (Wazuh's YAML format) from its text. Loading never throws: it returns the
// policy with the problems met, each naming file, line and check id (STYLE.md habit 7).
// - A policy-level error (YAML syntax, a missing header field, bad variables or requirements)
//   rejects the whole policy; other policies still load.
// - A check-level error (unknown rule kind, bad regex, malformed rule) rejects that check: it is
//   listed in `rejectedChecks` with the reason (the evaluator reports it as an `error` row) and the
//   policy's other checks still run. Upstream policies carry such typos (cis_nginx_1.yml 23006),
//   and one bad check must not silence thirty good ones.
// - Warnings are oddities that still have a meaning (a relative path in f:, stray spaces).
//
// Two generations of the format exist: Wazuh 4 policies give checks a `title` and match with
// OS_Regex unless `regex_type: pcre2`; Wazuh 5 policies (the current upstream ruleset) give checks
// a `name` and match with PCRE2. `regex_type` on a check, then on the policy, wins over both.
import { load, YAMLException } from 'js-yaml';
import type { Severity } from '../../model/common.js';
import { parseRule, type ParsedRule } from './rule-parser.js';
import type { RegexDialect } from './regex.js';

export type Condition = 'all' | 'any' | 'none';

export interface PolicyCheck {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly rationale?: string;
  readonly remediation?: string;
  readonly severity: Severity;
  readonly compliance: Readonly<Record<string, readonly string[]>>;
  readonly condition: Condition;
  readonly rules: readonly ParsedRule[];
  /** Line of the check in the policy file, for messages. */
  readonly line?: number;
}

export interface Policy {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  /** Where it was loaded from (a path or a label). */
  readonly file: string;
  readonly requirements?: { readonly title: string; readonly condition: Condition; readonly rules: readonly ParsedRule[] };
  readonly checks: readonly PolicyCheck[];
  /** Checks refused at load, with why; reported, never evaluated. */
  readonly rejectedChecks: readonly RejectedCheck[];
}

export interface RejectedCheck {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly reason: string;
  readonly line?: number;
}

export interface LoadIssue {
  readonly file: string;
  readonly line?: number;
  readonly checkId?: string;
  readonly message: string;
}

export interface LoadResult {
  readonly file: string;
  /** Absent when the policy was rejected (a policy-level error, see the header). */
  readonly policy?: Policy;
  readonly errors: readonly LoadIssue[];
  readonly warnings: readonly LoadIssue[];
}

/** Severity of checks that do not say (Wazuh policies have no such field). */
export const DEFAULT_SEVERITY: Severity = 'medium';
const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function parseCondition(value: unknown, note: (message: string, warning?: boolean) => void): Condition | undefined {
  const condition = text(value)?.trim().toLowerCase();
  if (condition === 'all' || condition === 'any' || condition === 'none') return condition;
  if (condition === 'all required' || condition === 'any required') {
    note(`condition '${condition}' is deprecated; read as '${condition.split(' ')[0]}'`, true);
    return condition.split(' ')[0] as Condition;
  }
  note(`condition must be all, any or none, got ${JSON.stringify(value)}`);
  return undefined;
}

/** `compliance` is a map (Wazuh 5) or a list of one-key maps (Wazuh 4); values become strings. */
function parseCompliance(value: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (entry: Raw) => {
    for (const [framework, refs] of Object.entries(entry)) {
      const list = (Array.isArray(refs) ? refs : [refs]).map(text).filter((ref): ref is string => ref !== undefined);
      if (list.length > 0) out[framework] = [...(out[framework] ?? []), ...list];
    }
  };
  if (Array.isArray(value)) for (const entry of value) if (isRecord(entry)) add(entry);
  if (isRecord(value)) add(value);
  return out;
}

/**
 * Lines of the checks, for messages: the n-th `- id:` item at the checks' indentation. (A scan of
 * the text: the YAML parser used is several times faster than one that keeps node positions, and
 * policies are large.)
 */
function checkLines(source: string): { line: number; id: string }[] {
  const lines: { line: number; id: string }[] = [];
  const pattern = /^(\s*)- id:\s*["']?([^"'\s#]*)/;
  const rows = source.split('\n');
  let inChecks = false;
  let indent: number | undefined;
  rows.forEach((row, index) => {
    if (/^checks:\s*(#.*)?$/.test(row)) {
      inChecks = true;
      return;
    }
    if (inChecks && /^\S/.test(row) && !row.startsWith('#')) inChecks = false;
    const match = inChecks ? pattern.exec(row) : null;
    if (!match) return;
    const width = (match[1] as string).length;
    indent ??= width;
    if (width === indent) lines.push({ line: index + 1, id: match[2] as string });
  });
  return lines;
}

export function loadPolicy(source: string, file: string): LoadResult {
  const errors: LoadIssue[] = [];
  const warnings: LoadIssue[] = [];
  let data: unknown;
  try {
    // json: duplicate keys override (as libyaml-to-cJSON does in Wazuh) instead of failing.
    data = load(source, { filename: file, json: true, maxDepth: 64 });
  } catch (error) {
    if (error instanceof YAMLException) {
      const line = error.mark ? error.mark.line + 1 : undefined;
      return { file, errors: [{ file, ...(line ? { line } : {}), message: `YAML error: ${error.reason}` }], warnings };
    }
    return { file, errors: [{ file, message: `YAML error: ${error instanceof Error ? error.message : String(error)}` }], warnings };
  }
  if (!isRecord(data)) return { file, errors: [{ file, message: 'not a policy: the document is not a mapping' }], warnings };

  const header = data.policy;
  if (!isRecord(header)) return { file, errors: [{ file, message: "section 'policy' is missing or not a mapping" }], warnings };
  const id = text(header.id)?.trim();
  const name = text(header.name)?.trim();
  if (!id) errors.push({ file, message: "field 'policy.id' is missing" });
  if (!name) errors.push({ file, message: "field 'policy.name' is missing" });

  const checksRaw = data.checks;
  if (!Array.isArray(checksRaw) || checksRaw.length === 0) errors.push({ file, message: "section 'checks' is missing or empty" });
  const checksList = Array.isArray(checksRaw) ? checksRaw : [];

  // The format generation decides the default dialect (see the header comment).
  const wazuh4 = checksList.some((check) => isRecord(check) && 'title' in check && !('name' in check));
  let policyDialect: RegexDialect = wazuh4 ? 'osregex' : 'pcre2';
  if (header.regex_type !== undefined) {
    const wanted = text(header.regex_type)?.toLowerCase();
    if (wanted === 'pcre2' || wanted === 'osregex') policyDialect = wanted;
    else errors.push({ file, message: `policy.regex_type must be pcre2 or osregex, got ${JSON.stringify(header.regex_type)}` });
  }

  const variables = new Map<string, string>();
  if (data.variables !== undefined && data.variables !== null) {
    if (!isRecord(data.variables)) errors.push({ file, message: "section 'variables' is not a mapping" });
    else
      for (const [key, value] of Object.entries(data.variables)) {
        const joined = Array.isArray(value) ? value.map(text).join(',') : text(value);
        if (!key.startsWith('$')) errors.push({ file, message: `variable '${key}' must start with '$'` });
        else if (joined === undefined) errors.push({ file, message: `variable '${key}' has no text value` });
        else variables.set(key, joined);
      }
  }

  const parseRules = (raw: unknown, dialect: RegexDialect, at: Omit<LoadIssue, 'message'>): ParsedRule[] | undefined => {
    if (!Array.isArray(raw) || raw.length === 0) {
      errors.push({ ...at, message: 'no rules' });
      return undefined;
    }
    const rules: ParsedRule[] = [];
    let ok = true;
    for (const entry of raw) {
      if (typeof entry !== 'string') {
        errors.push({ ...at, message: `rule ${JSON.stringify(entry)} is not a string` });
        ok = false;
        continue;
      }
      const outcome = parseRule(entry, variables, dialect);
      if ('error' in outcome) {
        errors.push({ ...at, message: outcome.error });
        ok = false;
        continue;
      }
      for (const warning of outcome.warnings) warnings.push({ ...at, message: `rule '${entry}': ${warning}` });
      rules.push(outcome.rule);
    }
    return ok ? rules : undefined;
  };

  let requirements: Policy['requirements'];
  if (data.requirements !== undefined && data.requirements !== null) {
    const raw = data.requirements;
    const at = { file, checkId: 'requirements' };
    if (!isRecord(raw)) errors.push({ ...at, message: "section 'requirements' is not a mapping" });
    else {
      const condition = parseCondition(raw.condition, (message, warning) => (warning ? warnings : errors).push({ ...at, message }));
      const rules = parseRules(raw.rules, policyDialect, at);
      const title = text(raw.title) ?? text(raw.name) ?? 'requirements';
      if (condition && rules) requirements = { title, condition, rules };
    }
  }

  const lines = checkLines(source);
  const seen = new Set<string>();
  const checks: PolicyCheck[] = [];
  const rejectedChecks: RejectedCheck[] = [];
  const policyErrors = errors.length;
  checksList.forEach((raw, index) => {
    // Trust the scanned line only when it shows this check's id (odd layouts just lose the line).
    const scanned = lines[index];
    const line = scanned && isRecord(raw) && scanned.id === text(raw.id)?.trim() ? scanned.line : undefined;
    const where = { file, ...(line ? { line } : {}) };
    if (!isRecord(raw)) {
      errors.push({ ...where, message: `check #${index + 1} is not a mapping` });
      return;
    }
    const checkId = text(raw.id)?.trim();
    if (!checkId) {
      errors.push({ ...where, message: `check #${index + 1} has no id` });
      return;
    }
    const at = { ...where, checkId };
    const errorsBefore = errors.length;
    if (seen.has(checkId)) {
      errors.push({ ...at, message: `duplicate check id ${checkId}` });
      rejectedChecks.push({ id: checkId, title: text(raw.title) ?? text(raw.name) ?? `check ${checkId}`, severity: DEFAULT_SEVERITY, reason: `duplicate check id ${checkId}`, ...(line ? { line } : {}) });
      return;
    }
    seen.add(checkId);
    const title = (text(raw.title) ?? text(raw.name))?.trim();
    if (!title) errors.push({ ...at, message: 'check has no title (or name)' });
    const condition = parseCondition(raw.condition, (message, warning) => (warning ? warnings : errors).push({ ...at, message }));
    let dialect = policyDialect;
    if (raw.regex_type !== undefined) {
      const wanted = text(raw.regex_type)?.toLowerCase();
      if (wanted === 'pcre2' || wanted === 'osregex') dialect = wanted;
      else errors.push({ ...at, message: `regex_type must be pcre2 or osregex, got ${JSON.stringify(raw.regex_type)}` });
    }
    let severity = DEFAULT_SEVERITY;
    if (raw.severity !== undefined) {
      const wanted = text(raw.severity)?.toLowerCase() as Severity | undefined;
      if (wanted && SEVERITIES.includes(wanted)) severity = wanted;
      else errors.push({ ...at, message: `severity must be one of ${SEVERITIES.join(', ')}, got ${JSON.stringify(raw.severity)}` });
    }
    const rules = parseRules(raw.rules, dialect, at);
    if (!title || !condition || !rules) {
      const reasons = errors.slice(errorsBefore).map((issue) => issue.message);
      rejectedChecks.push({ id: checkId, title: title ?? `check ${checkId}`, severity, reason: reasons.join('; '), ...(line ? { line } : {}) });
      return;
    }
    checks.push({
      id: checkId,
      title,
      ...(text(raw.description) ? { description: text(raw.description) } : {}),
      ...(text(raw.rationale) ? { rationale: text(raw.rationale) } : {}),
      ...(text(raw.remediation) ? { remediation: text(raw.remediation) } : {}),
      severity,
      compliance: parseCompliance(raw.compliance),
      condition,
      rules,
      ...(line ? { line } : {}),
    });
  });

  const policyLevel = errors.some((issue, index) => index < policyErrors || issue.checkId === undefined);
  if (policyLevel || !id || !name) return { file, errors, warnings };
  const description = text(header.description);
  return {
    file,
    policy: { id, name, ...(description ? { description } : {}), file, ...(requirements ? { requirements } : {}), checks, rejectedChecks },
    errors,
    warnings,
  };
}

/** Loads many policies; a rejected one never stops the others, and duplicate policy ids are refused. */
export function loadPolicies(sources: readonly { readonly file: string; readonly text: string }[]): LoadResult[] {
  const ids = new Map<string, string>();
  return sources.map(({ file, text: body }) => {
    const result = loadPolicy(body, file);
    if (!result.policy) return result;
    const first = ids.get(result.policy.id);
    if (first !== undefined) {
      return { file, errors: [{ file, message: `policy id '${result.policy.id}' is already used by ${first}` }], warnings: result.warnings };
    }
    ids.set(result.policy.id, file);
    return result;
  });
}
