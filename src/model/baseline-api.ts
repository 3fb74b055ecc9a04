// The server side of security baselines (issue 7 part 4): what the agent sends after a run, and
// what the API answers about checks, hosts, run history and ignore rules.
import { z } from 'zod';
import { BaselineCheckResult, BaselineEvidence, BaselineResult } from './baseline.js';
import { Id, Severity, Timestamp } from './common.js';

/** Data of the agent event `baseline.results`: every check of every policy of one run. */
export const BaselineResultsPayload = z.object({
  /** Policies evaluated in this run. Unless partial, a run is a full snapshot: checks it does not list are gone. */
  policies: z.array(z.string().min(1).max(256)).max(1000),
  results: z.array(BaselineCheckResult.extend({ policyId: z.string().min(1).max(256), checkId: z.string().min(1).max(256), title: z.string().max(2000), reason: z.string().max(4000), evidence: z.array(BaselineEvidence).max(200) })).max(20_000),
  /**
   * The server asked for some policies only (a schedule's selection): checks of policies not
   * listed keep their results. Otherwise the run is a full snapshot.
   */
  partial: z.boolean().default(false),
  /** Policy files the agent could not read or load, so the console can say why a policy is missing. */
  warnings: z.array(z.string().max(2000)).max(1000).default([]),
});
export type BaselineResultsPayload = z.infer<typeof BaselineResultsPayload>;

/** The latest result of one check on one host. */
export const HostBaselineCheck = z.object({
  hostId: Id,
  hostname: z.string(),
  policyId: z.string(),
  checkId: z.string(),
  title: z.string(),
  severity: Severity,
  result: BaselineResult,
  reason: z.string(),
  evidence: z.array(BaselineEvidence),
  remediation: z.string().nullable(),
  /** An ignore rule covers this check on this host: it raises no event. */
  ignored: z.boolean(),
  /** When the check last changed its result on this host. */
  since: Timestamp,
  checkedAt: Timestamp,
});
export type HostBaselineCheck = z.infer<typeof HostBaselineCheck>;

export const BaselineResultQuery = z.object({
  policyId: z.string().max(256).optional(),
  checkId: z.string().max(256).optional(),
  hostId: Id.optional(),
  result: BaselineResult.optional(),
  severity: Severity.optional(),
  ignored: z.enum(['true', 'false']).optional(),
});

/** One check across the tenant's hosts. Pass rate counts hosts where the check could be answered. */
export const BaselineCheckSummary = z.object({
  policyId: z.string(),
  checkId: z.string(),
  title: z.string(),
  severity: Severity,
  hosts: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  notApplicable: z.number().int(),
  /** Failing hosts not covered by an ignore rule. */
  affectedHosts: z.number().int(),
  ignoredHosts: z.number().int(),
  /** passed / (passed + failed), null when no host answered it. */
  passRate: z.number().nullable(),
});
export type BaselineCheckSummary = z.infer<typeof BaselineCheckSummary>;

/** One policy across the tenant's hosts: the console's policy list. */
export const BaselinePolicySummary = z.object({
  policyId: z.string(),
  checks: z.number().int(),
  hosts: z.number().int(),
  /** Results over all hosts and checks of the policy. */
  passed: z.number().int(),
  failed: z.number().int(),
  notApplicable: z.number().int(),
  /** Failing results not covered by an ignore rule. */
  affected: z.number().int(),
  passRate: z.number().nullable(),
});
export type BaselinePolicySummary = z.infer<typeof BaselinePolicySummary>;

export const BaselineCheckQuery = z.object({
  policyId: z.string().max(256).optional(),
  severity: Severity.optional(),
  q: z.string().max(256).optional().describe('matches the check title'),
  failing: z.enum(['true', 'false']).optional().describe('only checks with affected hosts'),
});

export const BaselineRun = z.object({
  hostId: Id,
  at: Timestamp,
  receivedAt: Timestamp,
  policies: z.array(z.string()),
  passed: z.number().int(),
  failed: z.number().int(),
  notApplicable: z.number().int(),
  error: z.number().int(),
  /** `policyId/checkId` of the checks that failed in this run. */
  failedChecks: z.array(z.string()),
});
export type BaselineRun = z.infer<typeof BaselineRun>;

export const HostBaseline = z.object({
  lastRun: BaselineRun.nullable(),
  passRate: z.number().nullable(),
  items: z.array(HostBaselineCheck),
});

export const BaselineIgnoreRule = z.object({
  id: Id,
  policyId: z.string(),
  checkId: z.string(),
  /** Null (and no group): the rule covers every host of the tenant. */
  hostId: Id.nullable(),
  /** The group's members when results are read or a scan arrives, so later members too. */
  hostGroupId: Id.nullable(),
  reason: z.string(),
  expiresAt: Timestamp.nullable(),
  createdBy: z.string().nullable(),
  createdAt: Timestamp,
});
export type BaselineIgnoreRule = z.infer<typeof BaselineIgnoreRule>;

export const CreateBaselineIgnoreRule = z
  .object({
    policyId: z.string().min(1).max(256),
    checkId: z.string().min(1).max(256),
    hostId: Id.optional(),
    hostGroupId: Id.optional(),
    reason: z.string().min(1).max(2000),
    expiresAt: Timestamp.optional(),
  })
  .refine((rule) => rule.hostId === undefined || rule.hostGroupId === undefined, { message: 'an ignore rule names a host or a host group, not both', path: ['hostGroupId'] });
