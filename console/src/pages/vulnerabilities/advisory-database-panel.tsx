// The advisory database findings are matched against: how many advisories, from which sources,
// when it was built, and its refresh from the mirror (last attempt, its error, next check). The
// platform operators may refresh it now; a refresh that imported something re-detects every host,
// so the page's findings reload afterwards.
import { useState } from 'react';
import { api } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { ErrorBanner, Spinner } from '../../components/feedback.js';
import { ListTable } from '../../components/list-table.js';
import { Badge } from '../../components/status-badge.js';
import { RelativeTime } from '../../components/time.js';
import { useAction } from '../../components/use-action.js';
import type { AdvisoryDatabaseStatus, RefreshAttempt } from './vulnerability-types.js';

const POLL_MS = 60_000;
const SHOWN_ECOSYSTEMS = 6;

const OUTCOME_BADGES: Record<RefreshAttempt['outcome'], { tone: 'ok' | 'muted' | 'danger'; label: string }> = {
  imported: { tone: 'ok', label: 'Imported' },
  unchanged: { tone: 'muted', label: 'Unchanged' },
  failed: { tone: 'danger', label: 'Failed' },
};

function describeAttempt(attempt: RefreshAttempt): string {
  if (attempt.outcome === 'failed') return `Refresh failed: ${attempt.error ?? 'unknown error'}. The previous database stays in use.`;
  if (attempt.outcome === 'unchanged') return 'The mirror has not changed since the last import.';
  const hosts = attempt.detection?.hosts ?? 0;
  const detection = attempt.detection ? `; ${hosts} ${hosts === 1 ? 'host' : 'hosts'} checked: ${attempt.detection.found} new, ${attempt.detection.fixed} fixed` : '';
  return `Imported ${attempt.advisories ?? 0} advisories${detection}.`;
}

export function AdvisoryDatabasePanel({ now, canRefresh, onRefreshed }: { readonly now: number; readonly canRefresh: boolean; readonly onRefreshed: () => void }) {
  const status = useApi<AdvisoryDatabaseStatus>('/api/v1/advisory-database', { pollMs: POLL_MS });
  const { busy, error, run } = useAction();
  const [result, setResult] = useState<RefreshAttempt | null>(null);

  const refreshNow = () =>
    run(async () => {
      const attempt = await api.post<RefreshAttempt>('/api/v1/advisory-database/refresh');
      setResult(attempt);
      status.reload();
      if (attempt.outcome === 'imported') onRefreshed();
    });

  const data = status.data;
  const database = data?.database ?? null;
  const refresh = data?.refresh;
  const last = refresh?.lastAttempt ?? null;
  const ecosystems = [...(database?.ecosystems ?? [])].sort((a, b) => b.advisories - a.advisories);
  return (
    <section className="panel" aria-label="Advisory database">
      <div className="panel-head">
        <h2 className="panel-title">Advisory database</h2>
        {canRefresh && refresh?.source ? (
          <button type="button" className="button button-small" disabled={busy || refresh.running} onClick={() => void refreshNow()}>
            {busy || refresh.running ? 'Refreshing…' : 'Refresh database'}
          </button>
        ) : null}
      </div>
      {status.error ? <ErrorBanner error={status.error} onRetry={status.reload} /> : null}
      {status.loading && !data ? <Spinner label="Loading the advisory database…" /> : null}
      {data && !database ? <ErrorBanner error="No advisory database is in use: findings cannot be matched." /> : null}
      {database && refresh ? (
        <dl className="facts" aria-label="Advisory database facts">
          <div className="fact">
            <dt>Advisories</dt>
            <dd data-testid="advisory-count">
              {database.advisories} ({database.withdrawn} withdrawn), {database.packages} packages
            </dd>
          </div>
          <div className="fact">
            <dt>Ecosystems</dt>
            <dd>
              {ecosystems
                .slice(0, SHOWN_ECOSYSTEMS)
                .map((e) => `${e.ecosystem} ${e.advisories}`)
                .join(', ') || <span className="muted">none</span>}
              {ecosystems.length > SHOWN_ECOSYSTEMS ? <span className="muted"> and {ecosystems.length - SHOWN_ECOSYSTEMS} more</span> : null}
            </dd>
          </div>
          <div className="fact">
            <dt>Built</dt>
            <dd>
              <RelativeTime iso={database.builtAt} now={now} />
              {database.sample ? <span className="muted"> (bundled sample)</span> : null}
            </dd>
          </div>
          <div className="fact">
            <dt>Mirror</dt>
            <dd className="mono" data-testid="advisory-source">
              {refresh.source ?? <span className="muted">none (imported with palisade db import)</span>}
            </dd>
          </div>
          {refresh.source ? (
            <>
              <div className="fact">
                <dt>Last refresh</dt>
                <dd data-testid="advisory-last-refresh">
                  {last ? (
                    <>
                      <Badge tone={OUTCOME_BADGES[last.outcome].tone}>{OUTCOME_BADGES[last.outcome].label}</Badge> <RelativeTime iso={last.finishedAt} now={now} />
                    </>
                  ) : (
                    <span className="muted">not yet</span>
                  )}
                </dd>
              </div>
              <div className="fact">
                <dt>Last import</dt>
                <dd>
                  <RelativeTime iso={refresh.lastImportAt} now={now} />
                </dd>
              </div>
              <div className="fact">
                <dt>Next check</dt>
                <dd>
                  <RelativeTime iso={refresh.nextAt} now={now} /> <span className="muted">(every {refresh.intervalHours} h)</span>
                </dd>
              </div>
            </>
          ) : null}
        </dl>
      ) : null}
      {last?.outcome === 'failed' ? (
        <div className="alert alert-error" role="alert" data-testid="advisory-refresh-error">
          <span className="alert-text">{describeAttempt(last)}</span>
        </div>
      ) : null}
      {result && result.outcome !== 'failed' ? (
        <div className="alert alert-success" role="status">
          <span className="alert-text">{describeAttempt(result)}</span>
        </div>
      ) : null}
      {error ? <ErrorBanner error={error} /> : null}
      {database && database.sources.length > 0 ? (
        <details>
          <summary>Sources ({database.sources.length})</summary>
          <ListTable
            label="Advisory sources"
            head={
              <>
                <th>Source</th>
                <th>Imported</th>
                <th>Records</th>
                <th>Withdrawn</th>
                <th>Skipped</th>
              </>
            }
          >
            {database.sources.map((source) => (
              <tr key={`${source.location}|${source.importedAt}`}>
                <td className="mono">{source.location}</td>
                <td>
                  <RelativeTime iso={source.importedAt} now={now} />
                </td>
                <td className="cell-number">{source.records}</td>
                <td className="cell-number">{source.withdrawn}</td>
                <td className="cell-number">{source.skipped}</td>
              </tr>
            ))}
          </ListTable>
        </details>
      ) : null}
    </section>
  );
}
