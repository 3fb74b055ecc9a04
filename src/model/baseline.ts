// Results of baseline (configuration) checks: the `baseline` section of a scan report, one row
// per check of every policy evaluated (issue 7). Policies are Wazuh SCA YAML files; the engine
// lives in src/engines/baseline.
import { z } from 'zod';
import { Severity } from './common.js';

/**
 * `passed` and `failed` are answers about the system. `not_applicable` says the check could not
 * be answered here (a command rule over a root filesystem, a file the check reads is missing, a
 * policy whose requirements do not hold) and `reason` says why. `error` is an engine fault.
 */
export const BaselineResult = z.enum(['passed', 'failed', 'not_applicable', 'error']);
export type BaselineResult = z.infer<typeof BaselineResult>;

/** What one rule of a check saw: the file and line that matched, or why the rule did not hold. */
export const BaselineEvidence = z.object({
  /** The rule as written in the policy. */
  rule: z.string(),
  /** found / not_found after the rule's own `not`; invalid when it could not be evaluated. */
  outcome: z.enum(['found', 'not_found', 'invalid']),
  /** File or directory entry the rule read (inside the viewed system). */
  path: z.string().optional(),
  /** 1-based line of `path` (or of the command output) that matched. */
  line: z.number().int().positive().optional(),
  /** The matching line, cut to a readable length. */
  text: z.string().optional(),
  detail: z.string(),
});
export type BaselineEvidence = z.infer<typeof BaselineEvidence>;

export const BaselineCheckResult = z.object({
  policyId: z.string(),
  checkId: z.string(),
  title: z.string(),
  result: BaselineResult,
  reason: z.string(),
  evidence: z.array(BaselineEvidence),
  severity: Severity,
  remediation: z.string().optional(),
  /** Compliance references: framework → control ids ("cis" → ["5.2.7"]). */
  compliance: z.record(z.string(), z.array(z.string())).optional(),
});
export type BaselineCheckResult = z.infer<typeof BaselineCheckResult>;

export const BaselineSection = z.array(BaselineCheckResult);
export type BaselineSection = z.infer<typeof BaselineSection>;
