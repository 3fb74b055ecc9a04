// Baseline schedules, command trust and per-check history (issue 7 part 4): when the server asks
// agents to run which policies, which policies may run their `c:` command rules on a tenant's
// hosts, and each check's result over time.
import { z } from 'zod';
import { BaselineResult } from './baseline.js';
import { Id, Timestamp } from './common.js';

const PolicyId = z.string().min(1).max(256);
/** "HH:MM" on the 24-hour clock, UTC. */
export const DailyTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM (UTC)');

/** Payload of a `baseline_scan` order: which policies to evaluate and which may run commands. */
export const BaselineScanOrderPayload = z.object({
  /** Policy ids to evaluate; absent or null: every policy the agent has (a full snapshot). */
  policies: z.array(PolicyId).max(1000).nullable().optional(),
  /** Policy ids whose command rules may run: the tenant's trusted policies when the order was made. */
  trustedPolicies: z.array(PolicyId).max(1000).default([]),
  /** The schedule that issued the order, if one did. */
  scheduleId: Id.optional(),
});
export type BaselineScanOrderPayload = z.infer<typeof BaselineScanOrderPayload>;

/** What the server tells an agent about baselines with every heartbeat. */
export const BaselineAgentConfig = z.object({
  trustedPolicies: z.array(PolicyId).max(1000),
  /** An enabled schedule of every policy covers this host: the agent's own daily run stays off. */
  serverScheduled: z.boolean(),
});
export type BaselineAgentConfig = z.infer<typeof BaselineAgentConfig>;

export const BaselineSchedule = z.object({
  id: Id,
  name: z.string(),
  /** Null: every policy the agents have. */
  policies: z.array(z.string()).nullable(),
  /** Null: every host of the tenant, including hosts enrolled later. */
  hostIds: z.array(Id).nullable(),
  /** Exactly one of intervalHours and dailyAt is set. */
  intervalHours: z.number().int().nullable(),
  dailyAt: z.string().nullable(),
  enabled: z.boolean(),
  nextRunAt: Timestamp.nullable(),
  lastRunAt: Timestamp.nullable(),
  createdBy: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type BaselineSchedule = z.infer<typeof BaselineSchedule>;

export const CreateBaselineSchedule = z.object({
  name: z.string().trim().min(1).max(200),
  policies: z.array(PolicyId).min(1).max(1000).nullable().default(null),
  hostIds: z.array(Id).min(1).max(10_000).nullable().default(null),
  intervalHours: z.number().int().min(1).max(24 * 31).nullable().optional(),
  dailyAt: DailyTime.nullable().optional(),
  enabled: z.boolean().default(true),
});
export type CreateBaselineSchedule = z.infer<typeof CreateBaselineSchedule>;

export const UpdateBaselineSchedule = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  policies: z.array(PolicyId).min(1).max(1000).nullable().optional(),
  hostIds: z.array(Id).min(1).max(10_000).nullable().optional(),
  intervalHours: z.number().int().min(1).max(24 * 31).nullable().optional(),
  dailyAt: DailyTime.nullable().optional(),
  enabled: z.boolean().optional(),
});
export type UpdateBaselineSchedule = z.infer<typeof UpdateBaselineSchedule>;

export const BaselineScheduleRun = z.object({
  schedule: BaselineSchedule,
  /** Orders issued, one per host; hosts with one of this schedule's orders still pending get none. */
  orders: z.number().int(),
  skippedPending: z.number().int(),
});

/** A policy the tenant trusts (or no longer trusts) to run its command rules on agents. */
export const BaselinePolicyTrust = z.object({
  policyId: z.string(),
  trusted: z.boolean(),
  changedBy: z.string().nullable(),
  changedAt: Timestamp,
});
export type BaselinePolicyTrust = z.infer<typeof BaselinePolicyTrust>;

/** A policy id exactly: '*' (every policy, to the scanner) cannot be trusted wholesale. */
export const SetBaselinePolicyTrust = z.object({ policyId: PolicyId.regex(/^[^*\s]+$/, 'a policy id, without spaces or *'), trusted: z.boolean() });

/** One check's result on one host in one scan. */
/** A stretch of consecutive scans in which a check on a host kept one result. */
export const BaselineCheckHistoryEntry = z.object({
  hostId: Id,
  hostname: z.string(),
  policyId: z.string(),
  checkId: z.string(),
  result: BaselineResult,
  /** The first scan that gave this result. */
  firstSeenAt: Timestamp,
  /** The latest scan that confirmed it. */
  lastSeenAt: Timestamp,
  /** Scans with this result from firstSeenAt to lastSeenAt. */
  scans: z.number().int(),
});
export type BaselineCheckHistoryEntry = z.infer<typeof BaselineCheckHistoryEntry>;

export const BaselineHistoryQuery = z.object({
  policyId: PolicyId.optional(),
  checkId: z.string().min(1).max(256).optional(),
  hostId: Id.optional(),
});

/** Results of each host's last scan of one UTC day: the pass rate over time. */
export const BaselineTrendDay = z.object({
  day: z.string().describe('YYYY-MM-DD (UTC)'),
  passed: z.number().int(),
  failed: z.number().int(),
  notApplicable: z.number().int(),
  error: z.number().int(),
  passRate: z.number().nullable(),
});
export type BaselineTrendDay = z.infer<typeof BaselineTrendDay>;

/** One host's latest results (of one policy, or all): the fleet's pass rate per host. */
export const BaselineHostSummary = z.object({
  hostId: Id,
  hostname: z.string(),
  passed: z.number().int(),
  failed: z.number().int(),
  notApplicable: z.number().int(),
  /** Failing results not covered by an ignore rule. */
  affected: z.number().int(),
  passRate: z.number().nullable(),
  lastCheckedAt: Timestamp,
});
export type BaselineHostSummary = z.infer<typeof BaselineHostSummary>;
