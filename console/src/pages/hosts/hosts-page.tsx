// The fleet: every protected host with its status and host groups, searchable by name, IP or
// machine id and filterable by status and group. Filters live in the URL so a filtered list can be linked and reloaded.
import { useEffect, useState } from 'react';
import type { HostPage, HostStatus } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { HostGroupChips } from '../../components/host-group-chips.js';
import { HostGroupSelect } from '../../components/host-group-select.js';
import { ListStates } from '../../components/list-states.js';
import { ListTable } from '../../components/list-table.js';
import { PageHeader, usePageTitle } from '../../components/page-header.js';
import { Pager, parseOffset } from '../../components/pager.js';
import { HostStatusBadge } from '../../components/status-badge.js';
import { RelativeTime, useNow } from '../../components/time.js';
import { Link, navigate, useLocation, withQuery } from '../../router/router.js';
import { HostSummary } from './host-summary.js';

const PAGE_SIZE = 50;
const POLL_MS = 15_000;
const STATUSES: readonly HostStatus[] = ['online', 'offline', 'uninstalled'];

function parseStatus(value: string | null): HostStatus | undefined {
  return STATUSES.find((status) => status === value);
}

export function HostsPage() {
  usePageTitle('Hosts');
  const { search } = useLocation();
  const q = search.get('q') ?? '';
  const status = parseStatus(search.get('status'));
  const offset = parseOffset(search.get('offset'));
  const group = search.get('group') ?? '';
  const [draft, setDraft] = useState(q);
  const now = useNow();

  const show = (next: { q?: string; status?: HostStatus | undefined; group?: string; offset?: number }, replace = false) => {
    const merged = { q, status, group, ...next };
    navigate(withQuery('/hosts', { q: merged.q, status: merged.status, group: merged.group, offset: next.offset || undefined }), { replace });
  };

  // Typing searches after a short pause instead of on every key.
  useEffect(() => {
    if (draft.trim() === q) return;
    const timer = window.setTimeout(() => show({ q: draft.trim(), offset: 0 }, true), 300);
    return () => window.clearTimeout(timer);
  }, [draft]); // only the typed text triggers a search
  // Back/forward or "clear filters" change q from outside: show it in the box.
  useEffect(() => {
    setDraft((current) => (current.trim() === q ? current : q));
  }, [q]);

  const path = withQuery('/api/v1/hosts', { q: q || undefined, status, group: group || undefined, limit: PAGE_SIZE, offset: offset || undefined });
  const hosts = useApi<HostPage>(path, { pollMs: POLL_MS });
  const { data, reload } = hosts;

  return (
    <>
      <PageHeader
        title="Hosts"
        subtitle="Machines running the Palisade agent, with their last reported facts."
        actions={
          <>
            <Link to="/host-groups" className="button">
              Host groups
            </Link>
            <button type="button" className="button" onClick={reload}>
              Refresh
            </button>
          </>
        }
      />
      <HostSummary selected={status} onSelect={(next) => show({ status: next, offset: 0 })} pollMs={POLL_MS} />
      <section className="panel">
        <div className="toolbar">
          <input
            type="search"
            className="toolbar-search"
            placeholder="Search host name, IP address or machine ID"
            aria-label="Search hosts"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
          />
          <select aria-label="Status filter" value={status ?? ''} onChange={(event) => show({ status: parseStatus(event.target.value), offset: 0 })}>
            <option value="">All statuses</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {value.charAt(0).toUpperCase() + value.slice(1)}
              </option>
            ))}
          </select>
          <HostGroupSelect value={group} onChange={(next) => show({ group: next, offset: 0 })} />
          <span className="toolbar-spacer" />
          {data ? <Pager offset={offset} limit={PAGE_SIZE} total={data.total} onOffset={(next) => show({ offset: next })} /> : null}
        </div>
        <ListStates
          resource={hosts}
          loadingLabel="Loading hosts…"
          filtered={Boolean(q || status || group)}
          filteredTitle="No host matches these filters."
          emptyTitle="No hosts yet."
          onClearFilters={() => {
            setDraft('');
            navigate('/hosts');
          }}
        >
          Install the agent on a machine with an <Link to="/enrollment">enrollment token</Link>.
        </ListStates>
        {data && data.items.length > 0 ? (
          <ListTable
            label="Hosts"
            head={
              <>
                <th>Host name</th>
                <th>Status</th>
                <th>Groups</th>
                <th>IP addresses</th>
                <th>Operating system</th>
                <th>Kernel</th>
                <th>Agent</th>
                <th>Installed</th>
                <th>Last seen</th>
              </>
            }
          >
            {data.items.map((host) => (
              <tr key={host.id}>
                <td>
                  <Link to={`/hosts/${encodeURIComponent(host.id)}`} className="strong-link">
                    {host.hostname}
                  </Link>
                  <div className="cell-sub mono" title="machine ID">
                    {host.machineId.slice(0, 12)}
                  </div>
                </td>
                <td>
                  <HostStatusBadge status={host.status} />
                </td>
                <td>
                  <HostGroupChips groups={host.groups} />
                </td>
                <td className="mono">
                  {host.ips.length === 0 ? <span className="muted">—</span> : null}
                  {host.ips.slice(0, 3).map((ip) => (
                    <div key={ip}>{ip}</div>
                  ))}
                  {host.ips.length > 3 ? <div className="cell-sub" title={host.ips.slice(3).join('\n')}>+{host.ips.length - 3} more</div> : null}
                </td>
                <td>
                  {host.osName} {host.osVersion}
                  <div className="cell-sub">{host.arch}</div>
                </td>
                <td className="mono cell-clip" title={host.kernel}>
                  {host.kernel}
                </td>
                <td className="mono">{host.agentVersion}</td>
                <td>
                  <RelativeTime iso={host.installedAt} now={now} />
                </td>
                <td>
                  <RelativeTime iso={host.lastSeenAt} now={now} />
                </td>
              </tr>
            ))}
          </ListTable>
        ) : null}
      </section>
    </>
  );
}
