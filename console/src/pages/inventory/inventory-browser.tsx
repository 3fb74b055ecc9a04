// One inventory kind with its filters, a page at a time: used for the fleet (/assets/:kind) and for
// a host's tabs. Filters live in the URL like the hosts list, so a search ("libc6 below 2.36-9")
// can be linked and survives a reload.
import type { InventoryPage } from '../../api/asset-types.js';
import { useApi } from '../../api/use-api.js';
import { DebouncedInput } from '../../components/debounced-input.js';
import { ErrorBanner } from '../../components/feedback.js';
import { HostSelect } from '../../components/host-select.js';
import { ListStates } from '../../components/list-states.js';
import { Pager, parseOffset } from '../../components/pager.js';
import { useNow } from '../../components/time.js';
import { navigate, useLocation, withQuery } from '../../router/router.js';
import type { AnyKindSpec } from './inventory-kinds.js';
import { InventoryTable } from './inventory-table.js';

const PAGE_SIZE = 50;
const FILTER_KEYS = ['nameLike', 'version', 'versionBelow', 'hostId', 'port', 'external', 'user'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Record<FilterKey, string>;

function applicable(spec: AnyKindSpec, key: FilterKey, showHost: boolean): boolean {
  switch (key) {
    case 'nameLike':
      return true;
    case 'hostId':
      return showHost;
    case 'version':
    case 'versionBelow':
      return spec.filters.version === true;
    case 'port':
    case 'external':
      return spec.filters.port === true;
    case 'user':
      return spec.filters.user === true;
  }
}

/** A port filter the API would refuse is reported here instead of as a 400 from the server. */
function portProblem(port: string): string | null {
  if (port === '') return null;
  const value = Number(port);
  return Number.isInteger(value) && value >= 0 && value <= 65535 ? null : 'a port is a whole number from 0 to 65535';
}

interface Props {
  readonly spec: AnyKindSpec;
  /** The API path of the list, e.g. /api/v1/inventory/packages or /api/v1/hosts/ID/inventory/ports. */
  readonly apiPath: string;
  /** The console path this browser lives on, and query entries to keep (the host page's tab). */
  readonly pathname: string;
  readonly keep?: Record<string, string>;
  /** Across the fleet: a host column and a host filter. */
  readonly showHost: boolean;
}

export function InventoryBrowser({ spec, apiPath, pathname, keep = {}, showHost }: Props) {
  const { search } = useLocation();
  const now = useNow();
  const filters = Object.fromEntries(FILTER_KEYS.map((key) => [key, applicable(spec, key, showHost) ? (search.get(key) ?? '') : ''])) as Filters;
  const offset = parseOffset(search.get('offset'));
  const show = (next: Partial<Filters> & { offset?: number }, replace = false) => {
    navigate(withQuery(pathname, { ...keep, ...filters, ...next, offset: next.offset || undefined }), { replace });
  };
  const filtered = FILTER_KEYS.some((key) => filters[key] !== '');
  const problem = portProblem(filters.port);
  const path = problem ? null : withQuery(apiPath, { ...filters, limit: PAGE_SIZE, offset: offset || undefined });
  const rows = useApi<InventoryPage>(path);
  const { data } = rows;

  return (
    <>
      <div className="toolbar toolbar-wrap">
        <DebouncedInput
          type="search"
          className="toolbar-search"
          placeholder={`Search ${spec.nameHint}`}
          aria-label={`Search ${spec.label.toLowerCase()}`}
          value={filters.nameLike}
          onCommit={(value) => show({ nameLike: value, offset: 0 }, true)}
        />
        {spec.filters.version ? (
          <>
            <DebouncedInput className="toolbar-short" placeholder="Exact version" aria-label="Version" value={filters.version} onCommit={(value) => show({ version: value, offset: 0 }, true)} />
            <DebouncedInput
              className="toolbar-short"
              placeholder="Version below…"
              aria-label="Version below"
              title="Rows with a version lower than this, in the package format's own order (dpkg, rpm, apk, Maven)"
              value={filters.versionBelow}
              onCommit={(value) => show({ versionBelow: value, offset: 0 }, true)}
            />
          </>
        ) : null}
        {spec.filters.port ? (
          <>
            <DebouncedInput className="toolbar-tiny" inputMode="numeric" placeholder="Port" aria-label="Port number" value={filters.port} onCommit={(value) => show({ port: value, offset: 0 }, true)} />
            <label className="toolbar-check">
              <input type="checkbox" checked={filters.external === 'true'} onChange={(event) => show({ external: event.target.checked ? 'true' : '', offset: 0 })} />
              Public only
            </label>
          </>
        ) : null}
        {spec.filters.user ? <DebouncedInput className="toolbar-short" placeholder="User" aria-label="User" value={filters.user} onCommit={(value) => show({ user: value, offset: 0 }, true)} /> : null}
        {showHost ? <HostSelect value={filters.hostId} onChange={(hostId) => show({ hostId, offset: 0 })} /> : null}
        <span className="toolbar-spacer" />
        {data ? (
          <span className="toolbar-count" data-testid="inventory-count">
            {data.total} {data.total === 1 ? 'row' : 'rows'}
            {showHost ? ` on ${data.hosts} ${data.hosts === 1 ? 'host' : 'hosts'}` : ''}
          </span>
        ) : null}
        {data ? <Pager offset={offset} limit={PAGE_SIZE} total={data.total} onOffset={(next) => show({ offset: next })} /> : null}
      </div>
      {problem ? <ErrorBanner error={`Port filter: ${problem}.`} /> : null}
      <ListStates
        resource={rows}
        loadingLabel={`Loading ${spec.label.toLowerCase()}…`}
        filtered={filtered}
        filteredTitle={`No ${spec.label.toLowerCase()} match these filters.`}
        emptyTitle={`No ${spec.label.toLowerCase()} reported yet.`}
        onClearFilters={() => navigate(withQuery(pathname, keep))}
      >
        The agent reports each kind on its own schedule; a Resync on the host asks for everything at once.
      </ListStates>
      {data && data.items.length > 0 ? <InventoryTable spec={spec} items={data.items} showHost={showHost} now={now} /> : null}
    </>
  );
}
