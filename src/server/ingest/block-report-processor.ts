// The agent's `response.block` events: what became of a block or unblock order in nftables. The
// block shows it (applied, removed, or failed with the agent's error) so an analyst sees a block
// that never took effect.
import { RESPONSE_BLOCK } from '../../model/agent-event-types.js';
import { BlockReport } from '../../model/response.js';
import { recordBlockReport } from '../store/blocks.js';
import type { EventProcessor } from './event-processor.js';

export const blockReportProcessor: EventProcessor = {
  types: [RESPONSE_BLOCK],
  async process(event, { db, host, log }) {
    const parsed = BlockReport.safeParse(event.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return void log.warn({ hostId: host.id, seq: event.seq, problem: `${issue?.path.join('.')}: ${issue?.message}` }, 'malformed block report skipped');
    }
    const report = parsed.data;
    const state = !report.ok ? 'failed' : report.action === 'block' ? 'applied' : 'removed';
    const known = await recordBlockReport(db, host, report.blockId, state, report.error);
    if (!known) log.warn({ hostId: host.id, blockId: report.blockId }, 'block report for an unknown block skipped');
  },
};
