// One check across the fleet: its pass rate, the hosts it fails on (with the reason and evidence
// each reported, and whether an ignore rule covers it), its history (daily pass rate and each
// host's result intervals), for triagers the Ignore action and for managers "Detect now" on each host.
import { EmptyState, ErrorBanner, Spinner } from '../../components/feedback.js';
import { useApi } from '../../api/use-api.js';
import { Link, withQuery } from '../../router/router.js';
import { ListTable } from '../../components/list-table.js';
import { Badge } from '../../components/status-badge.js';
import { SeverityBadge } from '../events/event-badges.js';
import { CheckHistory } from './check-history.js';
import { DetectNowButton } from './detect-now-button.js';
import { IgnoreCheckForm } from './ignore-check-form.js';
import { PassRate } from './pass-rate.js';
import type { BaselineCheckSummary, BaselineIgnoreRule, HostBaselineCheck, ListPage } from './baseline-types.js';

/** More failing hosts than one panel should list; the count above says how many there are. */
const HOST_LIMIT = 200;

export function CheckDetail({ check, canIgnore, canDetect, onIgnored, onClose }: { readonly check: BaselineCheckSummary; readonly canIgnore: boolean; readonly canDetect: boolean; readonly onIgnored: (rule: BaselineIgnoreRule) => void; readonly onClose: () => void }) {
  const failing = useApi<ListPage<HostBaselineCheck>>(withQuery('/api/v1/baselines/results', { policyId: check.policyId, checkId: check.checkId, result: 'failed', limit: HOST_LIMIT }));
  const hosts = failing.data?.items ?? [];
  return (
    <section className="panel" aria-label="Check detail">
      <div className="panel-head">
        <h2 className="panel-title">
          {check.checkId}: {check.title}
        </h2>
        <button type="button" className="button button-small button-ghost" onClick={onClose}>
          Close
        </button>
      </div>
      <dl className="facts" aria-label="Check facts">
        <div className="fact">
          <dt>Policy</dt>
          <dd className="mono">{check.policyId}</dd>
        </div>
        <div className="fact">
          <dt>Severity</dt>
          <dd>
            <SeverityBadge severity={check.severity} />
          </dd>
        </div>
        <div className="fact">
          <dt>Hosts</dt>
          <dd>
            {check.passed} passed, {check.failed} failed, {check.notApplicable} not applicable
          </dd>
        </div>
        <div className="fact">
          <dt>Pass rate</dt>
          <dd>
            <PassRate rate={check.passRate} />
          </dd>
        </div>
      </dl>
      {hosts[0]?.remediation ? (
        <>
          <h3 className="panel-title">Remediation</h3>
          <p>{hosts[0].remediation}</p>
        </>
      ) : null}
      <h3 className="panel-title">Failing hosts</h3>
      {failing.error ? <ErrorBanner error={failing.error} onRetry={failing.reload} /> : null}
      {failing.loading && !failing.data ? <Spinner label="Loading hosts…" /> : null}
      {failing.data && hosts.length === 0 ? <EmptyState title="No host fails this check." /> : null}
      {hosts.length > 0 ? (
        <ListTable
          label="Failing hosts"
          head={
            <>
              <th>Host</th>
              <th>Reason</th>
              <th>Evidence</th>
              <th>Status</th>
              {canDetect ? <th>Re-check</th> : null}
            </>
          }
        >
          {hosts.map((host) => (
            <tr key={host.hostId} className={host.ignored ? 'row-dim' : undefined}>
              <td>
                <Link to={`/hosts/${encodeURIComponent(host.hostId)}`}>{host.hostname}</Link>
              </td>
              <td>{host.reason}</td>
              <td className="mono">
                {host.evidence.map((item, index) => (
                  <div key={index} className="cell-sub">
                    {item.rule}
                    {item.path ? ` ${item.path}${item.line != null ? `:${item.line}` : ''}` : ''}
                  </div>
                ))}
              </td>
              <td>{host.ignored ? <Badge tone="muted">Ignored</Badge> : <Badge tone="warn">Failing</Badge>}</td>
              {canDetect ? (
                <td>
                  <DetectNowButton hostId={host.hostId} hostname={host.hostname} />
                </td>
              ) : null}
            </tr>
          ))}
        </ListTable>
      ) : null}
      <CheckHistory policyId={check.policyId} checkId={check.checkId} />
      {canIgnore && check.affectedHosts > 0 ? (
        <IgnoreCheckForm
          check={check}
          hosts={hosts.filter((host) => !host.ignored)}
          onIgnored={(rule) => {
            failing.reload();
            onIgnored(rule);
          }}
        />
      ) : null}
    </section>
  );
}
