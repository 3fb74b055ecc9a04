// Badges for a block's state and for what its host's agent last reported about it.
import type { BlockAgentState, BlockState } from '../../../../src/model/response.js';

const STATE_TONES: Record<BlockState, string> = { active: 'badge-danger', expired: 'badge-muted', lifted: 'badge-muted' };

export function BlockStateBadge({ state }: { readonly state: BlockState }) {
  return <span className={`badge ${STATE_TONES[state]}`}>{state}</span>;
}

const AGENT_LABELS: Record<BlockAgentState, { label: string; tone: string }> = {
  pending: { label: 'waiting for the agent', tone: 'badge-info' },
  applied: { label: 'in nftables', tone: 'badge-ok' },
  removed: { label: 'removed', tone: 'badge-muted' },
  failed: { label: 'failed', tone: 'badge-warn' },
};

export function AgentStateBadge({ state, error }: { readonly state: BlockAgentState; readonly error: string | null }) {
  const { label, tone } = AGENT_LABELS[state];
  return (
    <>
      <span className={`badge ${tone}`}>{label}</span>
      {error ? <div className="cell-sub inline-error">{error}</div> : null}
    </>
  );
}
