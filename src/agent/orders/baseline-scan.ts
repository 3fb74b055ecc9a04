// "baseline_scan" (detect now, or a server schedule): run the baseline checks at once instead of
// waiting for the daily run, over the policies the order names (all when it names none), running
// command rules only of the policies it says the tenant trusts. The results travel as a
// `baseline.results` event; the order's result is the run's counts.
import { BaselineScanOrderPayload } from '../../model/baseline-schedule.js';
import type { OrderHandler } from './order-handler.js';

export const baselineScan: OrderHandler = {
  kind: 'baseline_scan',
  async run(order, { runBaseline }) {
    if (!runBaseline) throw new Error('baseline checks are turned off on this agent');
    const payload = BaselineScanOrderPayload.safeParse(order.payload);
    if (!payload.success) throw new Error(`bad baseline_scan order: ${payload.error.issues[0]?.path.join('.')}: ${payload.error.issues[0]?.message}`);
    // An order from a server before trust existed names none: the heartbeat's list holds then.
    const trustedPolicies = 'trustedPolicies' in order.payload ? payload.data.trustedPolicies : undefined;
    const summary = await runBaseline({ policies: payload.data.policies ?? null, trustedPolicies });
    return { checks: summary.checks, failed: summary.failed, policies: [...summary.policies], partial: summary.partial };
  },
};
