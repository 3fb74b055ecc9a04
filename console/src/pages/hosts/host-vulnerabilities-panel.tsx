// A host's open vulnerability findings on its page: how many per severity, and the first few,
// each leading to the vulnerabilities page filtered to this host and advisory.
import { useApi } from '../../api/use-api.js';
import { EmptyState, ErrorBanner, Spinner } from '../../components/feedback.js';
import { Link, withQuery } from '../../router/router.js';
import { VULN_SEVERITIES, VulnSeverityBadge } from '../vulnerabilities/vulnerability-badges.js';
import type { FindingPage } from '../vulnerabilities/vulnerability-types.js';

/** Enough rows to see what matters; the vulnerabilities page has the rest. */
const SHOWN_FINDINGS = 20;
const POLL_MS = 30_000;

export function HostVulnerabilitiesPanel({ hostId }: { readonly hostId: string }) {
  const findings = useApi<FindingPage>(withQuery(`/api/v1/hosts/${encodeURIComponent(hostId)}/vulnerabilities`, { status: 'open', limit: SHOWN_FINDINGS }), { pollMs: POLL_MS });
  const all = withQuery('/vulnerabilities', { hostId });
  return (
    <section className="panel" aria-label="Vulnerabilities">
      <h2 className="panel-title">Vulnerabilities</h2>
      {findings.error ? <ErrorBanner error={findings.error} onRetry={findings.reload} /> : null}
      {findings.loading && !findings.data ? <Spinner label="Loading vulnerabilities…" /> : null}
      {findings.data ? (
        <>
          <p className="severity-counts" aria-label="Open findings by severity">
            {VULN_SEVERITIES.map((severity) => (
              <span key={severity} data-severity={severity}>
                <VulnSeverityBadge severity={severity} /> {findings.data?.counts[severity] ?? 0}{' '}
              </span>
            ))}
            <Link to={all}>All findings of this host</Link>
          </p>
          {findings.data.items.length === 0 ? (
            <EmptyState title="No open vulnerability findings on this host." />
          ) : (
            <div className="table-wrap">
              <table className="table" aria-label="Open findings">
                <thead>
                  <tr>
                    <th>Advisory</th>
                    <th>Package</th>
                    <th>Installed → fixed</th>
                    <th>Severity</th>
                  </tr>
                </thead>
                <tbody>
                  {findings.data.items.map((finding) => (
                    <tr key={finding.id}>
                      <td>
                        <Link to={withQuery('/vulnerabilities', { hostId, advisory: finding.advisoryId })} className="strong-link">
                          {finding.advisoryId}
                        </Link>
                        {finding.aliases.length > 0 ? <div className="cell-sub mono">{finding.aliases.join(', ')}</div> : null}
                      </td>
                      <td className="mono">{finding.package}</td>
                      <td className="mono">
                        {finding.installedVersion} → {finding.fixedVersion ?? <span className="muted">no fix yet</span>}
                      </td>
                      <td>
                        <VulnSeverityBadge severity={finding.severity} score={finding.score} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {findings.data.total > findings.data.items.length ? (
                <p className="muted">
                  {findings.data.items.length} of {findings.data.total} shown. <Link to={all}>See all</Link>
                </p>
              ) : null}
            </div>
          )}
        </>
      ) : null}
    </section>
  );
}
