// The tenant's security events: filtered by threat level, status, type, host and text, newest
// first, with a selection that triagers mark handled, ignored, whitelisted or reopen at once.
// Filters live in the URL like the other lists.
import { useEffect, useState } from 'react';
import type { EventPage, EventStatus, Severity } from '../../api/asset-types.js';
import { useApi } from '../../api/use-api.js';
import { DebouncedInput } from '../../components/debounced-input.js';
import { FilterSelect } from '../../components/filter-select.js';
import { HostSelect } from '../../components/host-select.js';
import { ListStates } from '../../components/list-states.js';
import { ListTable } from '../../components/list-table.js';
import { PageHeader, usePageTitle } from '../../components/page-header.js';
import { Pager, parseOffset } from '../../components/pager.js';
import { SuccessMessage } from '../../components/success-message.js';
import type { SummaryTile } from '../../components/summary-tiles.js';
import { SummaryTiles } from '../../components/summary-tiles.js';
import { RelativeTime, useNow } from '../../components/time.js';
import { Link, navigate, useLocation, withQuery } from '../../router/router.js';
import { canTriage } from '../../session/permissions.js';
import { useMe } from '../../session/session.js';
import { EVENT_STATUSES, EventStatusBadge, SEVERITIES, SEVERITY_LABELS, STATUS_LABELS, SeverityBadge } from './event-badges.js';
import { EventStatusActions } from './event-status-actions.js';

const PAGE_SIZE = 50;
const POLL_MS = 15_000;
/** Types the inventory raises; detections add their own, typed into the same box. */
const KNOWN_TYPES = ['inventory.new_port', 'inventory.new_account', 'inventory.new_sudo_right', 'inventory.new_cron_job', 'inventory.new_service', 'inventory.new_kernel_module'];

interface Filters {
  readonly q: string;
  readonly severity: Severity | undefined;
  readonly status: EventStatus | undefined;
  readonly type: string;
  readonly hostId: string;
}

function useStatusCounts(generation: number, filters: Filters): (number | undefined)[] {
  // Counts follow every filter except status, so each card says what clicking it would show.
  const base = { q: filters.q, severity: filters.severity, type: filters.type, hostId: filters.hostId, limit: 1 };
  const all = useApi<EventPage>(withQuery('/api/v1/events', base), { pollMs: POLL_MS });
  const perStatus = [
    useApi<EventPage>(withQuery('/api/v1/events', { ...base, status: 'pending' }), { pollMs: POLL_MS }),
    useApi<EventPage>(withQuery('/api/v1/events', { ...base, status: 'handled' }), { pollMs: POLL_MS }),
    useApi<EventPage>(withQuery('/api/v1/events', { ...base, status: 'ignored' }), { pollMs: POLL_MS }),
    useApi<EventPage>(withQuery('/api/v1/events', { ...base, status: 'whitelisted' }), { pollMs: POLL_MS }),
  ];
  const reloads = [all.reload, ...perStatus.map((resource) => resource.reload)];
  useEffect(() => {
    if (generation > 0) for (const reload of reloads) reload();
  }, [generation]); // a status change elsewhere on the page moves events between the cards
  return [all.data?.total, ...perStatus.map((resource) => resource.data?.total)];
}

export function EventsPage() {
  usePageTitle('Events');
  const me = useMe();
  const now = useNow();
  const { search } = useLocation();
  const filters: Filters = {
    q: search.get('q') ?? '',
    severity: SEVERITIES.find((value) => value === search.get('severity')),
    status: EVENT_STATUSES.find((value) => value === search.get('status')),
    type: search.get('type') ?? '',
    hostId: search.get('hostId') ?? '',
  };
  const offset = parseOffset(search.get('offset'));
  const show = (next: Partial<Filters> & { offset?: number }, replace = false) => {
    navigate(withQuery('/events', { ...filters, ...next, offset: next.offset || undefined }), { replace });
  };
  const filtered = Boolean(filters.q || filters.severity || filters.status || filters.type || filters.hostId);

  const path = withQuery('/api/v1/events', { ...filters, limit: PAGE_SIZE, offset: offset || undefined });
  const events = useApi<EventPage>(path, { pollMs: POLL_MS });
  const { data, reload } = events;
  const [generation, setGeneration] = useState(0);
  const counts = useStatusCounts(generation, filters);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [message, setMessage] = useState<string | null>(null);
  // Another page or other filters: a selection of rows no longer shown would act unseen.
  useEffect(() => setSelected(new Set()), [path]);

  const triage = canTriage(me.role);
  const pageIds = data?.items.map((event) => event.id) ?? [];
  const allSelected = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const toggle = (id: number) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const statusCards: readonly SummaryTile<EventStatus>[] = [
    { value: undefined, label: 'All events', tone: 'neutral' },
    { value: 'pending', label: 'Pending', tone: 'warn' },
    { value: 'handled', label: 'Handled', tone: 'ok' },
    { value: 'ignored', label: 'Ignored', tone: 'muted' },
    { value: 'whitelisted', label: 'Whitelisted', tone: 'info' },
  ];

  return (
    <>
      <PageHeader
        title="Events"
        subtitle="Security events from detections and inventory changes, newest first."
        actions={
          <button type="button" className="button" onClick={() => { reload(); setGeneration((value) => value + 1); }}>
            Refresh
          </button>
        }
      />
      <SummaryTiles label="Events by status" tiles={statusCards} counts={counts} selected={filters.status} onSelect={(status) => show({ status, offset: 0 })} />
      <section className="panel">
        <div className="toolbar toolbar-wrap">
          <DebouncedInput type="search" className="toolbar-search toolbar-search-narrow" placeholder="Search title and details" aria-label="Search events" value={filters.q} onCommit={(q) => show({ q, offset: 0 }, true)} />
          <FilterSelect label="Severity filter" allLabel="All threat levels" values={SEVERITIES} labels={SEVERITY_LABELS} value={filters.severity} onChange={(severity) => show({ severity, offset: 0 })} />
          <FilterSelect label="Status filter" allLabel="All statuses" values={EVENT_STATUSES} labels={STATUS_LABELS} value={filters.status} onChange={(status) => show({ status, offset: 0 })} />
          <DebouncedInput className="toolbar-type" list="event-types" placeholder="Type" aria-label="Event type" value={filters.type} onCommit={(type) => show({ type, offset: 0 }, true)} />
          <datalist id="event-types">
            {KNOWN_TYPES.map((type) => (
              <option key={type} value={type} />
            ))}
          </datalist>
          <HostSelect value={filters.hostId} onChange={(hostId) => show({ hostId, offset: 0 })} />
          <span className="toolbar-spacer" />
          {data ? <Pager offset={offset} limit={PAGE_SIZE} total={data.total} onOffset={(next) => show({ offset: next })} /> : null}
        </div>
        {triage && selected.size > 0 ? (
          <div className="bulk-bar" role="region" aria-label="Selected events">
            <span className="bulk-count">{selected.size} selected</span>
            <EventStatusActions
              ids={[...selected]}
              onChanged={(text) => {
                setMessage(text);
                setSelected(new Set());
                reload();
                setGeneration((value) => value + 1);
              }}
            />
            <button type="button" className="button button-small button-link" onClick={() => setSelected(new Set())}>
              Clear selection
            </button>
          </div>
        ) : null}
        <SuccessMessage message={message} onDismiss={() => setMessage(null)} />
        <ListStates resource={events} loadingLabel="Loading events…" filtered={filtered} filteredTitle="No event matches these filters." emptyTitle="No events yet." onClearFilters={() => navigate('/events')}>
          Detections and inventory changes (a new listening port, account or startup service) appear here.
        </ListStates>
        {data && data.items.length > 0 ? (
          <ListTable
            label="Events"
            head={
              <>
                {triage ? (
                  <th className="cell-check">
                    <input type="checkbox" aria-label="Select all events on this page" checked={allSelected} onChange={() => setSelected(allSelected ? new Set() : new Set(pageIds))} />
                  </th>
                ) : null}
                <th>Threat level</th>
                <th>Event</th>
                <th>Host</th>
                <th>Status</th>
                <th>Count</th>
                <th>First seen</th>
                <th>Last seen</th>
              </>
            }
          >
            {data.items.map((event) => (
              <tr key={event.id} className={selected.has(event.id) ? 'row-selected' : event.status === 'pending' ? undefined : 'row-dim'}>
                {triage ? (
                  <td className="cell-check">
                    <input type="checkbox" aria-label={`Select event ${event.id}`} checked={selected.has(event.id)} onChange={() => toggle(event.id)} />
                  </td>
                ) : null}
                <td>
                  <SeverityBadge severity={event.severity} />
                </td>
                <td className="cell-event">
                  <Link to={`/events/${event.id}`} className="strong-link">
                    {event.title}
                  </Link>
                  <div className="cell-sub mono">{event.type}</div>
                </td>
                <td>{event.hostId ? <Link to={`/hosts/${encodeURIComponent(event.hostId)}`}>{event.hostname ?? event.hostId.slice(0, 12)}</Link> : <span className="muted">—</span>}</td>
                <td>
                  <EventStatusBadge status={event.status} />
                  {event.statusChangedBy ? <div className="cell-sub">by {event.statusChangedBy}</div> : null}
                </td>
                <td className="cell-number">{event.count}</td>
                <td>
                  <RelativeTime iso={event.firstSeen} now={now} />
                </td>
                <td>
                  <RelativeTime iso={event.lastSeen} now={now} />
                </td>
              </tr>
            ))}
          </ListTable>
        ) : null}
      </section>
    </>
  );
}
