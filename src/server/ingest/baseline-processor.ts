// Stores each baseline run an agent sends (latest result per check, run history) and raises an
// event for every high or critical check that newly fails and no ignore rule covers.
import { BASELINE_RESULTS } from '../../model/agent-event-types.js';
import { BaselineResultsPayload } from '../../model/baseline-api.js';
import { Timestamp } from '../../model/common.js';
import { applyBaselineRun } from '../store/baseline-results.js';
import { raiseEvent } from '../store/events.js';
import type { EventProcessor } from './event-processor.js';

export const BASELINE_FAILED_CHECK = 'baseline.failed_check';

export const baselineProcessor: EventProcessor = {
  types: [BASELINE_RESULTS],
  async process(event, { db, host, log, at }) {
    const payload = BaselineResultsPayload.safeParse(event.data);
    if (!payload.success) {
      const issue = payload.error.issues[0];
      return void log.warn({ hostId: host.id, seq: event.seq, problem: `${issue?.path.join('.')}: ${issue?.message}` }, 'malformed baseline results skipped');
    }
    // The run's own time orders the history; an agent clock gone wild falls back to reception.
    const runAt = Timestamp.safeParse(event.time).success && Date.parse(event.time) <= Date.parse(at) + 3600_000 ? new Date(event.time).toISOString() : at;
    const failing = await applyBaselineRun(db, host, payload.data, runAt, at);
    for (const check of failing) {
      await raiseEvent(
        db,
        host,
        {
          type: BASELINE_FAILED_CHECK,
          severity: check.severity,
          title: `Baseline check failed: ${check.title}`,
          dedupeKey: `${check.policyId}/${check.checkId}`,
          details: { policyId: check.policyId, checkId: check.checkId, reason: check.reason, evidence: check.evidence.slice(0, 20), remediation: check.remediation ?? null },
        },
        at,
      );
    }
  },
};
