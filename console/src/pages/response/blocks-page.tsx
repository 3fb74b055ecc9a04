// Blocked sources (issue 5, "Response"): every block of an attacking address on a host, filtered
// by state and host, with what the agent last reported about it; triagers extend an active block
// or lift it at once. The tenant's automatic-blocking setting sits below the list.
import { useState } from 'react';
import type { Block, BlockState } from '../../../../src/model/response.js';
import { api } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { DebouncedInput } from '../../components/debounced-input.js';
import { FilterSelect } from '../../components/filter-select.js';
import { HostSelect } from '../../components/host-select.js';
import { ListStates } from '../../components/list-states.js';
import { ListTable } from '../../components/list-table.js';
import { PageHeader, usePageTitle } from '../../components/page-header.js';
import { Pager } from '../../components/pager.js';
import { SuccessMessage } from '../../components/success-message.js';
import { RelativeTime, useNow } from '../../components/time.js';
import { Link, navigate, useLocation, withQuery } from '../../router/router.js';
import { canTriage } from '../../session/permissions.js';
import { useMe } from '../../session/session.js';
import { BlockActions } from './block-actions.js';
import { AgentStateBadge, BlockStateBadge } from './block-badges.js';
import { ResponseSettingsPanel } from './response-settings-panel.js';

const PAGE_SIZE = 50;
const POLL_MS = 10_000;
const STATES: readonly BlockState[] = ['active', 'expired', 'lifted'];

interface BlockPage {
  readonly items: Block[];
  readonly total: number;
}

export function BlocksPage() {
  usePageTitle('Blocked sources');
  const me = useMe();
  const now = useNow();
  const { search } = useLocation();
  const filters = { state: STATES.find((value) => value === search.get('state')), hostId: search.get('hostId') ?? '', source: search.get('source') ?? '' };
  const offset = Math.max(0, Number(search.get('offset')) || 0);
  const show = (next: Partial<typeof filters> & { offset?: number }, replace = false) => navigate(withQuery('/blocks', { ...filters, ...next, offset: next.offset || undefined }), { replace });
  const blocks = useApi<BlockPage>(withQuery('/api/v1/blocks', { ...filters, limit: PAGE_SIZE, offset: offset || undefined }), { pollMs: POLL_MS });
  const { data, reload } = blocks;
  const [message, setMessage] = useState<string | null>(null);
  const triage = canTriage(me.role);
  const filtered = Boolean(filters.state || filters.hostId || filters.source);

  async function act(block: Block, action: 'extend' | 'lift', seconds?: number) {
    const changed = await api.post<Block>(`/api/v1/blocks/${encodeURIComponent(block.id)}/${action}`, action === 'extend' ? { seconds } : {});
    setMessage(action === 'lift' ? `Lifted the block of ${changed.source}; the agent removes it from nftables.` : `The block of ${changed.source} now ends ${new Date(changed.expiresAt).toLocaleString()}.`);
    reload();
  }

  return (
    <>
      <PageHeader
        title="Blocked sources"
        subtitle="Attacking addresses dropped by the hosts' firewalls (nftables), automatically or by an analyst."
        actions={
          <button type="button" className="button" onClick={reload}>
            Refresh
          </button>
        }
      />
      <section className="panel">
        <div className="toolbar toolbar-wrap">
          <DebouncedInput type="search" className="toolbar-search toolbar-search-narrow" placeholder="Source address" aria-label="Source address" value={filters.source} onCommit={(source) => show({ source, offset: 0 }, true)} />
          <FilterSelect label="State filter" allLabel="All states" values={STATES} value={filters.state} onChange={(state) => show({ state, offset: 0 })} />
          <HostSelect value={filters.hostId} onChange={(hostId) => show({ hostId, offset: 0 })} />
          <span className="toolbar-spacer" />
          {data ? <Pager offset={offset} limit={PAGE_SIZE} total={data.total} onOffset={(next) => show({ offset: next })} /> : null}
        </div>
        <SuccessMessage message={message} onDismiss={() => setMessage(null)} />
        <ListStates resource={blocks} loadingLabel="Loading blocks…" filtered={filtered} filteredTitle="No block matches these filters." emptyTitle="No source has been blocked." onClearFilters={() => navigate('/blocks')}>
          With automatic blocking on, a detection of the chosen kinds blocks its source on the attacked hosts.
        </ListStates>
        {data && data.items.length > 0 ? (
          <ListTable
            label="Blocks"
            head={
              <>
                <th>Source</th>
                <th>Host</th>
                <th>Reason</th>
                <th>State</th>
                <th>On the host</th>
                <th>Blocked</th>
                <th>Ends</th>
                {triage ? <th>Actions</th> : null}
              </>
            }
          >
            {data.items.map((block) => (
              <tr key={block.id} className={block.state === 'active' ? undefined : 'row-dim'}>
                <td className="mono">{block.source}</td>
                <td>
                  <Link to={`/hosts/${encodeURIComponent(block.hostId)}`}>{block.hostname ?? block.hostId.slice(0, 12)}</Link>
                </td>
                <td>
                  {block.eventId !== null ? <Link to={`/events/${block.eventId}`}>{block.reason}</Link> : block.reason}
                  <div className="cell-sub">by {block.createdBy}</div>
                </td>
                <td>
                  <BlockStateBadge state={block.state} />
                  {block.liftedBy ? <div className="cell-sub">by {block.liftedBy}</div> : null}
                </td>
                <td>
                  <AgentStateBadge state={block.agentState} error={block.agentError} />
                </td>
                <td>
                  <RelativeTime iso={block.createdAt} now={now} />
                </td>
                <td>{block.state === 'lifted' ? <RelativeTime iso={block.liftedAt} now={now} /> : <RelativeTime iso={block.expiresAt} now={now} />}</td>
                {triage ? <td>{block.state === 'lifted' ? null : <BlockActions block={block} onAct={act} />}</td> : null}
              </tr>
            ))}
          </ListTable>
        ) : null}
      </section>
      <ResponseSettingsPanel />
    </>
  );
}
