// Evaluates a loaded policy over a SystemView: requirements first (a policy that does not apply
// gives every check `not_applicable` with why), then each check's rules, combined by its
// condition in three-valued logic as Wazuh does (wm_sca.c wm_sca_do_scan):
//   all:  a rule not found → failed; else an unanswerable rule → not_applicable; else passed
//   any:  a rule found → passed;     else an unanswerable rule → not_applicable; else failed
//   none: a rule found → failed;     else an unanswerable rule → not_applicable; else passed
// Rules are evaluated in order and stop as soon as the answer is known (so a failed `all` does
// not run its later commands). Every result carries the evidence of the rules it looked at.
import type { BaselineCheckResult, BaselineEvidence } from '../../model/baseline.js';
import type { SystemView } from '../../view/system-view.js';
import { evaluateCommandRule } from './command-rule.js';
import { DEFAULT_OPTIONS, EvaluationContext, type EvaluationOptions } from './context.js';
import { evaluateDirectoryRule } from './directory-rule.js';
import { evaluateFileRule } from './file-rule.js';
import type { Condition, Policy, PolicyCheck } from './policy-loader.js';
import { evaluateProcessRule } from './process-rule.js';
import type { RawOutcome } from './rule-outcome.js';
import type { ParsedRule } from './rule-parser.js';

type Verdict = 'passed' | 'failed' | 'not_applicable' | 'error';

interface CheckVerdict {
  readonly result: Verdict;
  readonly reason: string;
  readonly evidence: BaselineEvidence[];
}

export interface PolicyEvaluation {
  readonly policyId: string;
  /** False when the requirements did not hold (or could not be decided). */
  readonly applies: boolean;
  readonly requirements?: CheckVerdict;
  readonly results: BaselineCheckResult[];
  /** Commands actually run (after de-duplication). */
  readonly commandsRun: number;
}

const FAULT = 'evaluation failed: ';

async function evaluateRule(context: EvaluationContext, rule: ParsedRule, policyId: string): Promise<BaselineEvidence> {
  let raw: RawOutcome;
  try {
    switch (rule.kind) {
      case 'file':
        raw = await evaluateFileRule(context, rule);
        break;
      case 'directory':
        raw = await evaluateDirectoryRule(context, rule);
        break;
      case 'process':
        raw = await evaluateProcessRule(context, rule);
        break;
      case 'command':
        raw = await evaluateCommandRule(context, rule, policyId);
        break;
    }
  } catch (error) {
    // A fault of the engine or the view, not an answer about the system: the check says `error`.
    raw = { found: 'invalid', detail: `${FAULT}${error instanceof Error ? error.message : String(error)}` };
  }
  const outcome = raw.found === 'invalid' ? 'invalid' : raw.found !== rule.negated ? 'found' : 'not_found';
  return {
    rule: rule.source,
    outcome,
    ...(raw.path !== undefined ? { path: raw.path } : {}),
    ...(raw.line !== undefined ? { line: raw.line } : {}),
    ...(raw.text !== undefined ? { text: raw.text } : {}),
    detail: rule.negated && raw.found !== 'invalid' ? `not: ${raw.detail}` : raw.detail,
  };
}

async function evaluateRules(context: EvaluationContext, condition: Condition, rules: readonly ParsedRule[], policyId: string): Promise<CheckVerdict> {
  const evidence: BaselineEvidence[] = [];
  let invalid: BaselineEvidence | undefined;
  for (const rule of rules) {
    const item = await evaluateRule(context, rule, policyId);
    evidence.push(item);
    if (item.outcome === 'invalid') invalid ??= item;
    if (condition === 'all' && item.outcome === 'not_found') return { result: 'failed', reason: `rule '${item.rule}' does not hold: ${item.detail}`, evidence };
    if (condition === 'any' && item.outcome === 'found') return { result: 'passed', reason: `rule '${item.rule}' holds: ${item.detail}`, evidence };
    if (condition === 'none' && item.outcome === 'found') return { result: 'failed', reason: `rule '${item.rule}' holds and must not: ${item.detail}`, evidence };
  }
  if (invalid?.detail.startsWith(FAULT)) return { result: 'error', reason: `rule '${invalid.rule}': ${invalid.detail}`, evidence };
  if (invalid) return { result: 'not_applicable', reason: `cannot be decided here: ${invalid.detail}`, evidence };
  const count = rules.length === 1 ? 'the rule' : `all ${rules.length} rules`;
  if (condition === 'all') return { result: 'passed', reason: rules.length === 1 ? `rule '${rules[0]?.source}' holds: ${evidence[0]?.detail ?? ''}` : `${count} hold`, evidence };
  const details = evidence.slice(0, 3).map((item) => item.detail).join('; ') + (evidence.length > 3 ? '; …' : '');
  if (condition === 'any') return { result: 'failed', reason: rules.length === 1 ? `rule '${rules[0]?.source}' does not hold: ${evidence[0]?.detail ?? ''}` : `none of the ${rules.length} rules holds (${details})`, evidence };
  return { result: 'passed', reason: rules.length === 1 ? `rule '${rules[0]?.source}' does not hold, as required: ${evidence[0]?.detail ?? ''}` : `none of the ${rules.length} rules holds, as required (${details})`, evidence };
}

function resultOf(policy: Policy, check: PolicyCheck, verdict: CheckVerdict): BaselineCheckResult {
  return {
    policyId: policy.id,
    checkId: check.id,
    title: check.title,
    result: verdict.result,
    reason: verdict.reason,
    evidence: verdict.evidence,
    severity: check.severity,
    ...(check.remediation ? { remediation: check.remediation } : {}),
    ...(Object.keys(check.compliance).length > 0 ? { compliance: { ...check.compliance } as Record<string, string[]> } : {}),
  };
}

/**
 * A root filesystem has no running kernel: requirements such as `f:/proc/sys/kernel/ostype ->
 * r:Linux` describe the machine the policy runs on, not the files it checks, so over a view that
 * is not live they are left out of an `all` requirement (the other rules still decide).
 */
function requirementRules(view: SystemView, condition: Condition, rules: readonly ParsedRule[]): readonly ParsedRule[] {
  if (view.live || condition !== 'all') return rules;
  const kernelOnly = (rule: ParsedRule) => (rule.kind === 'file' || rule.kind === 'directory') && rule.targets.every((target) => /^\/(proc|sys)\//.test(target));
  return rules.filter((rule) => !kernelOnly(rule));
}

/** Runs `work` over items with at most `limit` in flight, keeping the input order of results. */
async function mapPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  });
  await Promise.all(workers);
  return results;
}

export async function evaluatePolicy(policy: Policy, view: SystemView, options: Partial<EvaluationOptions> = {}): Promise<PolicyEvaluation> {
  const context = new EvaluationContext(view, { ...DEFAULT_OPTIONS, ...options });
  const rejected: BaselineCheckResult[] = policy.rejectedChecks.map((check) => ({
    policyId: policy.id,
    checkId: check.id,
    title: check.title,
    result: 'error',
    reason: `check rejected when the policy was loaded (${policy.file}${check.line ? `:${check.line}` : ''}): ${check.reason}`,
    evidence: [],
    severity: check.severity,
  }));

  let requirements: CheckVerdict | undefined;
  if (policy.requirements) {
    const { condition } = policy.requirements;
    const rules = requirementRules(view, condition, policy.requirements.rules);
    requirements = rules.length === 0 ? { result: 'passed', reason: 'only running-kernel requirements, which a root filesystem does not have', evidence: [] } : await evaluateRules(context, condition, rules, policy.id);
    if (requirements.result !== 'passed') {
      const why =
        requirements.result === 'failed'
          ? `policy ${policy.id} does not apply to this system: requirement '${policy.requirements.title}' not met (${requirements.reason})`
          : `policy ${policy.id} may not apply: requirement '${policy.requirements.title}' ${requirements.reason}`;
      const verdict = requirements.result === 'error' ? 'error' : 'not_applicable';
      const results = policy.checks.map((check) => resultOf(policy, check, { result: verdict, reason: why, evidence: [] }));
      return { policyId: policy.id, applies: false, requirements, results: [...results, ...rejected], commandsRun: context.commandsRun };
    }
  }

  const results = await mapPool(policy.checks, context.options.concurrency, async (check) =>
    resultOf(policy, check, await evaluateRules(context, check.condition, check.rules, policy.id)),
  );
  return { policyId: policy.id, applies: true, ...(requirements ? { requirements } : {}), results: [...results, ...rejected], commandsRun: context.commandsRun };
}
