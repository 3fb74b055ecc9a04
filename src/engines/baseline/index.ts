// Baseline (configuration check) engine: Wazuh SCA policies loaded, validated and evaluated over a
// SystemView. Pure: it reads the system only through the view it is given.
export { loadPolicy, loadPolicies, DEFAULT_SEVERITY } from './policy-loader.js';
export type { Policy, PolicyCheck, RejectedCheck, LoadIssue, LoadResult, Condition } from './policy-loader.js';
export { evaluatePolicy } from './evaluator.js';
export type { PolicyEvaluation } from './evaluator.js';
export { DEFAULT_OPTIONS } from './context.js';
export type { EvaluationOptions } from './context.js';
export { compileRegex } from './regex.js';
export type { RegexDialect } from './regex.js';
