// Fleet counts by status at the top of the hosts list; each card is also a status filter.
import { useApi } from '../../api/use-api.js';
import type { HostPage, HostStatus } from '../../api/types.js';

const CARDS: readonly { status: HostStatus | undefined; label: string; tone: string }[] = [
  { status: undefined, label: 'All hosts', tone: 'neutral' },
  { status: 'online', label: 'Online', tone: 'ok' },
  { status: 'offline', label: 'Offline', tone: 'danger' },
  { status: 'uninstalled', label: 'Uninstalled', tone: 'muted' },
];

function useCount(status: HostStatus | undefined, pollMs: number): number | undefined {
  // limit=1: only `total` is wanted.
  const { data } = useApi<HostPage>(`/api/v1/hosts?limit=1${status ? `&status=${status}` : ''}`, { pollMs });
  return data?.total;
}

export function HostSummary({ selected, onSelect, pollMs }: { readonly selected: HostStatus | undefined; readonly onSelect: (status: HostStatus | undefined) => void; readonly pollMs: number }) {
  const counts = [useCount(undefined, pollMs), useCount('online', pollMs), useCount('offline', pollMs), useCount('uninstalled', pollMs)];
  return (
    <div className="summary-row" role="group" aria-label="Hosts by status">
      {CARDS.map((card, index) => (
        <button
          key={card.label}
          type="button"
          className={`summary-card summary-${card.tone}${selected === card.status ? ' selected' : ''}`}
          aria-pressed={selected === card.status}
          onClick={() => onSelect(card.status)}
        >
          <span className="summary-label">{card.label}</span>
          <span className="summary-value">{counts[index] ?? '–'}</span>
        </button>
      ))}
    </div>
  );
}
