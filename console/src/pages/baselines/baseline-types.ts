// The baseline API's shapes as the console sees them, inferred from the zod schemas in src/model
// like api/types.ts (only types cross over, never code).
import type { BaselineCheckSummary, BaselineIgnoreRule, BaselinePolicySummary, HostBaselineCheck } from '../../../../src/model/baseline-api.js';

import type { BaselineCheckHistoryEntry, BaselineHostSummary, BaselinePolicyTrust, BaselineSchedule, BaselineTrendDay, CreateBaselineSchedule } from '../../../../src/model/baseline-schedule.js';

export type { BaselineCheckSummary, BaselineIgnoreRule, BaselinePolicySummary, HostBaselineCheck };
export type { BaselineCheckHistoryEntry, BaselineHostSummary, BaselinePolicyTrust, BaselineSchedule, BaselineTrendDay, CreateBaselineSchedule };

/** A page of a list route (pageOf in src/model/common.ts). */
export interface ListPage<T> {
  readonly items: T[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}
