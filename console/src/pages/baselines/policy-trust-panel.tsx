// Which policies may run their command (c:) rules on the tenant's agents. Nothing is trusted until
// a manager says so; the agents hear of a change with their next heartbeat, and a command check of
// a policy not trusted reports "not applicable" with the reason.
import { useState } from 'react';
import { api } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { ErrorBanner, Spinner } from '../../components/feedback.js';
import { ListTable } from '../../components/list-table.js';
import { Badge } from '../../components/status-badge.js';
import type { BaselinePolicySummary, BaselinePolicyTrust } from './baseline-types.js';

export function PolicyTrustPanel({ canManage }: { readonly canManage: boolean }) {
  const trust = useApi<{ items: BaselinePolicyTrust[] }>('/api/v1/baselines/trusted-policies');
  const policies = useApi<{ items: BaselinePolicySummary[] }>('/api/v1/baselines/policies');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const byPolicy = new Map((trust.data?.items ?? []).map((row) => [row.policyId, row]));
  // Policies with results, and any with a trust decision but no results (yet, or any more).
  const ids = [...new Set([...(policies.data?.items ?? []).map((row) => row.policyId), ...byPolicy.keys()])].sort();

  async function toggle(policyId: string, trusted: boolean) {
    setBusy(policyId);
    setError(null);
    try {
      await api.put<BaselinePolicyTrust>('/api/v1/baselines/trusted-policies', { policyId, trusted });
      trust.reload();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="panel" aria-label="Command trust">
      <h2 className="panel-title">Command trust</h2>
      <p className="muted">
        Command (c:) rules run on an agent only for the policies trusted here; no policy is trusted until a manager trusts it, Palisade&apos;s own included (they hold no command rules today, and an update adding one should not start running it unasked).
      </p>
      {error ? <ErrorBanner error={error} /> : null}
      {trust.error ? <ErrorBanner error={trust.error} onRetry={trust.reload} /> : null}
      {(trust.loading && !trust.data) || (policies.loading && !policies.data) ? <Spinner label="Loading policies…" /> : null}
      {ids.length > 0 ? (
        <ListTable
          label="Policy command trust"
          head={
            <>
              <th>Policy</th>
              <th>Commands</th>
              <th>Changed by</th>
              {canManage ? <th>Change</th> : null}
            </>
          }
        >
          {ids.map((policyId) => {
            const row = byPolicy.get(policyId);
            const trusted = row?.trusted ?? false;
            return (
              <tr key={policyId}>
                <td className="mono">{policyId}</td>
                <td>{trusted ? <Badge tone="warn">Trusted: commands run</Badge> : <Badge tone="muted">Not trusted</Badge>}</td>
                <td>{row ? `${row.changedBy ?? 'unknown'}, ${new Date(row.changedAt).toLocaleString()}` : <span className="muted">—</span>}</td>
                {canManage ? (
                  <td>
                    <button type="button" className="button button-small" disabled={busy !== null} onClick={() => void toggle(policyId, !trusted)} aria-label={`${trusted ? 'Distrust' : 'Trust'} ${policyId}`}>
                      {busy === policyId ? 'Saving…' : trusted ? 'Distrust' : 'Trust'}
                    </button>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </ListTable>
      ) : null}
    </section>
  );
}
