// A host's latest baseline results on its page: pass rate overall and per policy, counts, and the
// failed checks, each leading to that check on the baselines page.
import { useApi } from '../../api/use-api.js';
import { EmptyState, ErrorBanner, Spinner } from '../../components/feedback.js';
import { ListTable } from '../../components/list-table.js';
import { Badge } from '../../components/status-badge.js';
import { Link, withQuery } from '../../router/router.js';
import type { BaselinePolicySummary, HostBaseline } from '../../../../src/model/baseline-api.js';
import type { z } from 'zod';
import { PassRate } from '../baselines/pass-rate.js';
import { SeverityBadge } from '../events/event-badges.js';

type HostBaselineData = z.infer<typeof HostBaseline>;
const POLL_MS = 30_000;

export function HostBaselinePanel({ hostId }: { readonly hostId: string }) {
  const baseline = useApi<HostBaselineData>(withQuery(`/api/v1/hosts/${encodeURIComponent(hostId)}/baseline`, { result: 'failed' }), { pollMs: POLL_MS });
  // Per policy over the host's latest results: a schedule's run may have covered some policies
  // only, so the counts come from here rather than from the last run.
  const policies = useApi<{ items: BaselinePolicySummary[] }>(withQuery('/api/v1/baselines/policies', { hostId }), { pollMs: POLL_MS });
  const data = baseline.data;
  const run = data?.lastRun ?? null;
  const byPolicy = policies.data?.items ?? [];
  const total = (field: 'passed' | 'failed' | 'notApplicable') => (policies.data ? byPolicy.reduce((sum, policy) => sum + policy[field], 0) : (run?.[field] ?? 0));
  return (
    <section className="panel" aria-label="Baseline">
      <h2 className="panel-title">Baseline</h2>
      {baseline.error ? <ErrorBanner error={baseline.error} onRetry={baseline.reload} /> : null}
      {baseline.loading && !data ? <Spinner label="Loading baseline…" /> : null}
      {data && !run ? <EmptyState title="No baseline scan from this host yet." /> : null}
      {data && run ? (
        <>
          <p aria-label="Baseline summary">
            Pass rate <strong data-testid="host-pass-rate"><PassRate rate={data.passRate} /></strong> · {total('passed')} passed · {total('failed')} failed · {total('notApplicable')} not applicable
            {run.error > 0 ? <> · {run.error} errors in the last run</> : null}
          </p>
          {byPolicy.length > 1 ? (
            <p aria-label="Pass rate by policy" className="cell-sub">
              {byPolicy.map((policy, index) => (
                <span key={policy.policyId}>
                  {index > 0 ? ' · ' : ''}
                  <span className="mono">{policy.policyId}</span> <PassRate rate={policy.passRate} />
                </span>
              ))}
            </p>
          ) : null}
          {data.items.length === 0 ? (
            <EmptyState title="No failed checks on this host." />
          ) : (
            <ListTable
              label="Failed checks"
              head={
                <>
                  <th>Policy</th>
                  <th>Check</th>
                  <th>Title</th>
                  <th>Severity</th>
                  <th>Ignored</th>
                </>
              }
            >
              {data.items.map((check) => (
                <tr key={`${check.policyId}/${check.checkId}`} className={check.ignored ? 'row-dim' : undefined}>
                  <td className="mono">{check.policyId}</td>
                  <td className="mono">
                    <Link to={withQuery('/baselines', { check: `${check.policyId}/${check.checkId}` })} className="strong-link">
                      {check.checkId}
                    </Link>
                  </td>
                  <td>{check.title}</td>
                  <td>
                    <SeverityBadge severity={check.severity} />
                  </td>
                  <td>{check.ignored ? <Badge tone="muted">Ignored</Badge> : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </ListTable>
          )}
        </>
      ) : null}
    </section>
  );
}
