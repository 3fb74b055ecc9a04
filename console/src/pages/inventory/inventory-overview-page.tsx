// Assets across the fleet: how many of each kind the agents reported and on how many hosts; each
// card opens that kind's list.
import type { InventorySummary } from '../../api/asset-types.js';
import { useApi } from '../../api/use-api.js';
import { ErrorBanner, Spinner } from '../../components/feedback.js';
import { PageHeader, usePageTitle } from '../../components/page-header.js';
import { Link } from '../../router/router.js';
import { KIND_SPECS } from './inventory-kinds.js';

const POLL_MS = 30_000;

export function InventoryOverviewPage() {
  usePageTitle('Assets');
  const { data, error, loading, reload } = useApi<InventorySummary>('/api/v1/inventory', { pollMs: POLL_MS });
  const byKind = new Map((data?.kinds ?? []).map((row) => [row.kind, row]));
  return (
    <>
      <PageHeader
        title="Assets"
        subtitle="What the agents found on the hosts: packages, accounts, ports, processes and more, searchable across the fleet."
        actions={
          <button type="button" className="button" onClick={reload}>
            Refresh
          </button>
        }
      />
      {error ? <ErrorBanner error={error} onRetry={reload} /> : null}
      {loading && !data ? <Spinner label="Counting assets…" /> : null}
      {data ? (
        <div className="asset-grid" role="list" aria-label="Asset kinds">
          {KIND_SPECS.map((spec) => {
            const row = byKind.get(spec.kind);
            return (
              <Link key={spec.kind} to={`/assets/${spec.kind}`} className={row ? 'asset-card' : 'asset-card asset-card-empty'} role="listitem" aria-label={spec.label}>
                <span className="asset-card-label">{spec.label}</span>
                <span className="asset-card-value" data-testid={`asset-count-${spec.kind}`}>
                  {row?.items ?? 0}
                </span>
                <span className="asset-card-hosts">{row ? `on ${row.hosts} ${row.hosts === 1 ? 'host' : 'hosts'}` : 'none reported'}</span>
                <span className="asset-card-text">{spec.description}</span>
              </Link>
            );
          })}
        </div>
      ) : null}
    </>
  );
}
