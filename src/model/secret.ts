// Secret rules (the gitleaks TOML shape, see ../shared/corpora/secrets/gitleaks.toml) and secret
// findings. Findings carry the match masked and a fingerprint, never the secret (DESIGN.md).
import { z } from 'zod';
import { Severity } from './common.js';

/** Where an allow-list regex looks: the secret alone, the whole match or the whole line. */
export const SecretRegexTarget = z.enum(['secret', 'match', 'line']);

export const SecretAllowlist = z.object({
  description: z.string().optional(),
  /** OR: any criterion allows; AND: every criterion given must hold. */
  condition: z.enum(['OR', 'AND', 'or', 'and']).default('OR').transform((c) => c.toUpperCase() as 'OR' | 'AND'),
  paths: z.array(z.string()).default([]),
  regexes: z.array(z.string()).default([]),
  regexTarget: SecretRegexTarget.default('secret'),
  stopwords: z.array(z.string()).default([]),
  /** Git commits: meaningless for files, accepted so gitleaks files load. */
  commits: z.array(z.string()).default([]),
});
export type SecretAllowlist = z.infer<typeof SecretAllowlist>;

export const SecretRuleSpec = z
  .object({
    id: z.string().min(1).max(128),
    description: z.string().optional(),
    /** Go RE2 syntax, as in gitleaks. */
    regex: z.string().min(1).optional(),
    /** Rule applies only to files whose path matches (alone: the path itself is the finding). */
    path: z.string().min(1).optional(),
    secretGroup: z.number().int().min(0).max(99).optional(),
    /** Minimum Shannon entropy (bits per character) of the secret. */
    entropy: z.number().min(0).max(8).optional(),
    keywords: z.array(z.string().min(1)).default([]),
    tags: z.array(z.string()).default([]),
    /** Palisade extension; gitleaks ignores it. */
    severity: Severity.optional(),
    allowlists: z.array(SecretAllowlist).default([]),
    /** gitleaks' older single allow-list spelling. */
    allowlist: SecretAllowlist.optional(),
  })
  .refine((r) => r.regex !== undefined || r.path !== undefined, { message: 'a rule needs a regex or a path' });
export type SecretRuleSpec = z.infer<typeof SecretRuleSpec>;

/** The file around the rules: validated as a shell, each rule then validated on its own. */
export const SecretRuleFileShell = z.object({
  title: z.string().optional(),
  allowlist: SecretAllowlist.optional(),
  allowlists: z.array(SecretAllowlist).default([]),
  rules: z.array(z.unknown()).default([]),
  /**
   * gitleaks' `[extend]`. A user file always extends the bundled rules here, so only
   * `disabledRules` (ids of earlier rules to drop) has an effect; `path`/`useDefault` are ignored.
   */
  extend: z
    .object({
      useDefault: z.boolean().optional(),
      path: z.string().optional(),
      disabledRules: z.array(z.string()).default([]),
    })
    .optional(),
});

export const SecretFinding = z.object({
  ruleId: z.string(),
  title: z.string().optional(),
  severity: Severity,
  path: z.string(),
  /** Layer digest (or index) when found in an image layer. */
  layer: z.string().optional(),
  line: z.number().int().min(1),
  /** The matched line with the secret replaced by asterisks. */
  match: z.string(),
  /** Stable hash of rule and secret: the same secret found twice has the same fingerprint. */
  fingerprint: z.string().regex(/^[0-9a-f]{32}$/),
});
export type SecretFinding = z.infer<typeof SecretFinding>;

/** One problem met while loading a rule file; loading goes on past it. */
export const RuleLoadIssue = z.object({
  level: z.enum(['error', 'warning']),
  file: z.string(),
  ruleId: z.string().optional(),
  line: z.number().int().optional(),
  message: z.string(),
});
export type RuleLoadIssue = z.infer<typeof RuleLoadIssue>;
