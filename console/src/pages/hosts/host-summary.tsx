// Fleet counts by status at the top of the hosts list; each card is also a status filter.
import { useApi } from '../../api/use-api.js';
import type { HostPage, HostStatus } from '../../api/types.js';
import type { SummaryTile } from '../../components/summary-tiles.js';
import { SummaryTiles } from '../../components/summary-tiles.js';

const CARDS: readonly SummaryTile<HostStatus>[] = [
  { value: undefined, label: 'All hosts', tone: 'neutral' },
  { value: 'online', label: 'Online', tone: 'ok' },
  { value: 'offline', label: 'Offline', tone: 'danger' },
  { value: 'uninstalled', label: 'Uninstalled', tone: 'muted' },
];

function useCount(status: HostStatus | undefined, pollMs: number): number | undefined {
  // limit=1: only `total` is wanted.
  const { data } = useApi<HostPage>(`/api/v1/hosts?limit=1${status ? `&status=${status}` : ''}`, { pollMs });
  return data?.total;
}

export function HostSummary({ selected, onSelect, pollMs }: { readonly selected: HostStatus | undefined; readonly onSelect: (status: HostStatus | undefined) => void; readonly pollMs: number }) {
  const counts = [useCount(undefined, pollMs), useCount('online', pollMs), useCount('offline', pollMs), useCount('uninstalled', pollMs)];
  return <SummaryTiles label="Hosts by status" tiles={CARDS} counts={counts} selected={selected} onSelect={onSelect} />;
}
