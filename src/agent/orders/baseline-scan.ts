// "baseline_scan" (detect now): run the baseline checks at once instead of waiting for the daily
// run; the results travel as a `baseline.results` event, the order's result is the run's counts.
import type { OrderHandler } from './order-handler.js';

export const baselineScan: OrderHandler = {
  kind: 'baseline_scan',
  async run(_order, { runBaseline }) {
    if (!runBaseline) throw new Error('baseline checks are turned off on this agent');
    const summary = await runBaseline();
    return { checks: summary.checks, failed: summary.failed, policies: [...summary.policies] };
  },
};
