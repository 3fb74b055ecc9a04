// Loads secret rules from gitleaks-style TOML text into compiled rules. Loading never throws on
// bad content: each broken rule becomes an issue naming file, rule id, line and reason, and the
// other rules still load (STYLE.md habit 7).
import { parse, TomlError } from 'smol-toml';
import type { z } from 'zod';
import type { RuleLoadIssue, SecretAllowlist } from '../../model/secret.js';
import { SecretRuleFileShell, SecretRuleSpec } from '../../model/secret.js';
import type { Severity } from '../../model/common.js';
import { translateGoRegex } from './go-regex.js';

export interface CompiledAllowlist {
  readonly condition: 'OR' | 'AND';
  readonly paths: readonly RegExp[];
  readonly regexes: readonly RegExp[];
  readonly regexTarget: 'secret' | 'match' | 'line';
  /** Lowercased; a secret containing one is allowed. */
  readonly stopwords: readonly string[];
  /** Commits never match a file scan; an AND list naming commits therefore never applies. */
  readonly hasCommits: boolean;
}

export interface CompiledSecretRule {
  readonly id: string;
  readonly description: string;
  readonly severity: Severity;
  readonly regex?: RegExp;
  readonly path?: RegExp;
  readonly secretGroup: number;
  readonly entropy?: number;
  /** Lowercased keywords; empty means the rule always runs. */
  readonly keywords: readonly string[];
  readonly allowlists: readonly CompiledAllowlist[];
  /** Which file the rule came from. */
  readonly source: string;
}

export interface SecretRuleSet {
  readonly rules: readonly CompiledSecretRule[];
  readonly allowlists: readonly CompiledAllowlist[];
  readonly issues: readonly RuleLoadIssue[];
  /** The file the set was loaded from. */
  readonly file?: string;
  /** Ids of rules from earlier sets this set turns off (gitleaks `[extend] disabledRules`). */
  readonly disabledRules?: readonly string[];
}

class RuleError extends Error {}

function compileRegex(pattern: string, field: string): RegExp {
  const result = translateGoRegex(pattern);
  if (!result.ok) throw new RuleError(`${field} ${JSON.stringify(pattern.length > 80 ? `${pattern.slice(0, 80)}…` : pattern)}: ${result.reason}`);
  return result.regex;
}

function compileAllowlist(list: SecretAllowlist, where: string): CompiledAllowlist {
  return {
    condition: list.condition,
    paths: list.paths.map((p) => compileRegex(p, `${where}.paths`)),
    regexes: list.regexes.map((p) => compileRegex(p, `${where}.regexes`)),
    regexTarget: list.regexTarget,
    stopwords: list.stopwords.map((w) => w.toLowerCase()),
    hasCommits: list.commits.length > 0,
  };
}

function zodReason(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'rule'}: ${issue.message}`).join('; ');
}

/** Line of each `[[rules]]` header, so an issue can point at its rule in the file. */
function ruleHeaderLines(text: string): number[] {
  const lines: number[] = [];
  text.split('\n').forEach((line, index) => {
    if (/^\s*\[\[\s*rules\s*\]\]/.test(line)) lines.push(index + 1);
  });
  return lines;
}

/** Parses one rule file. `file` names it in issues; `defaultSeverity` fills rules without one. */
export function loadSecretRules(text: string, file: string, defaultSeverity: Severity = 'high'): SecretRuleSet {
  const issues: RuleLoadIssue[] = [];
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    const line = error instanceof TomlError ? error.line : undefined;
    const message = error instanceof Error ? error.message.split('\n')[0] ?? 'invalid TOML' : String(error);
    return { rules: [], allowlists: [], issues: [{ level: 'error', file, line, message: `not valid TOML: ${message}` }] };
  }
  const shell = SecretRuleFileShell.safeParse(document);
  if (!shell.success) {
    return { rules: [], allowlists: [], issues: [{ level: 'error', file, message: zodReason(shell.error) }] };
  }
  const allowlists: CompiledAllowlist[] = [];
  const globalLists = [...(shell.data.allowlist ? [shell.data.allowlist] : []), ...shell.data.allowlists];
  globalLists.forEach((list, index) => {
    try {
      allowlists.push(compileAllowlist(list, `allowlist[${index}]`));
    } catch (error) {
      issues.push({ level: 'error', file, message: `global ${(error as Error).message}` });
    }
  });

  const extend = shell.data.extend;
  if (extend && (extend.useDefault !== undefined || extend.path !== undefined)) {
    issues.push({ level: 'warning', file, message: '[extend] useDefault/path are ignored: rule files always add to the bundled rules' });
  }
  const headerLines = ruleHeaderLines(text);
  const rules: CompiledSecretRule[] = [];
  const seen = new Set<string>();
  shell.data.rules.forEach((raw, index) => {
    const line = headerLines[index];
    const rawId = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : undefined;
    const parsed = SecretRuleSpec.safeParse(raw);
    if (!parsed.success) {
      issues.push({ level: 'error', file, ruleId: rawId, line, message: zodReason(parsed.error) });
      return;
    }
    const spec = parsed.data;
    if (seen.has(spec.id)) {
      // gitleaks keeps the last definition of an id; do the same, but say so.
      issues.push({ level: 'warning', file, ruleId: spec.id, line, message: 'duplicate rule id in this file: this definition replaces the earlier one' });
      rules.splice(rules.findIndex((r) => r.id === spec.id), 1);
    }
    try {
      const lists = [...(spec.allowlist ? [spec.allowlist] : []), ...spec.allowlists];
      const single = spec.regex === undefined ? undefined : compileRegex(spec.regex, 'regex');
      const regex = single && new RegExp(single.source, `${single.flags}g`);
      const secretGroup = spec.secretGroup ?? 0;
      if (regex && secretGroup > 0) {
        const groups = new RegExp(`${regex.source}|`).exec('')?.length ?? 1;
        if (secretGroup >= groups) throw new RuleError(`secretGroup ${secretGroup} but the regex has ${groups - 1} groups`);
      }
      rules.push({
        id: spec.id,
        description: spec.description ?? spec.id,
        severity: spec.severity ?? defaultSeverity,
        regex,
        path: spec.path === undefined ? undefined : compileRegex(spec.path, 'path'),
        secretGroup,
        entropy: spec.entropy,
        keywords: spec.keywords.map((k) => k.toLowerCase()),
        allowlists: lists.map((list, i) => compileAllowlist(list, `allowlists[${i}]`)),
        source: file,
      });
      seen.add(spec.id);
      if (regex && spec.keywords.length === 0) {
        issues.push({ level: 'warning', file, ruleId: spec.id, line, message: 'no keywords: the rule runs its regex on every file' });
      }
    } catch (error) {
      issues.push({ level: 'error', file, ruleId: spec.id, line, message: (error as Error).message });
    }
  });
  return { file, rules, allowlists, issues, disabledRules: extend?.disabledRules ?? [] };
}

/**
 * Combines rule sets in order: a later set's rule replaces an earlier one with the same id (a
 * user file can override a bundled rule) or turns it off (`[extend] disabledRules`), and every
 * set's global allow-lists apply.
 */
export function mergeSecretRuleSets(sets: readonly SecretRuleSet[]): SecretRuleSet {
  const byId = new Map<string, CompiledSecretRule>();
  const issues: RuleLoadIssue[] = [];
  for (const set of sets) {
    issues.push(...set.issues);
    for (const id of set.disabledRules ?? []) {
      const earlier = byId.get(id);
      if (earlier) byId.delete(id);
      else issues.push({ level: 'warning', file: set.file ?? '(rule file)', ruleId: id, message: 'disabledRules names a rule no earlier file defines' });
    }
    for (const rule of set.rules) {
      const earlier = byId.get(rule.id);
      if (earlier) issues.push({ level: 'warning', file: rule.source, ruleId: rule.id, message: `replaces the rule of the same id from ${earlier.source}` });
      byId.set(rule.id, rule);
    }
  }
  return { rules: [...byId.values()], allowlists: sets.flatMap((s) => s.allowlists), issues };
}
