// The tenant's security baselines: each policy's pass rate, each host's (lowest first), then the
// checks across hosts (how many hosts fail each, its pass rate) with filters, and a check's detail
// with the hosts it fails on and, for triagers, Ignore. Filters and the open check live in the URL
// like the other lists.
import { useState } from 'react';
import { useApi } from '../../api/use-api.js';
import { EmptyState, ErrorBanner, Spinner } from '../../components/feedback.js';
import { ListStates } from '../../components/list-states.js';
import { ListTable } from '../../components/list-table.js';
import { PageHeader, usePageTitle } from '../../components/page-header.js';
import { FilterSelect } from '../../components/filter-select.js';
import { Pager, parseOffset } from '../../components/pager.js';
import { SuccessMessage } from '../../components/success-message.js';
import { Link, navigate, useLocation, withQuery } from '../../router/router.js';
import { canManage, canTriage } from '../../session/permissions.js';
import { useMe } from '../../session/session.js';
import { SEVERITIES, SEVERITY_LABELS, SeverityBadge } from '../events/event-badges.js';
import { CheckDetail } from './check-detail.js';
import { HostRateTable } from './host-rate-table.js';
import { PassRate } from './pass-rate.js';
import { PolicyTable } from './policy-table.js';
import type { BaselineCheckSummary, BaselinePolicySummary, ListPage } from './baseline-types.js';

const PAGE_SIZE = 50;
/** Checks of one policy read to show the open check whatever the filters (the API's page maximum). */
const POLICY_CHECK_LIMIT = 500;
const POLL_MS = 30_000;

type Severity = BaselineCheckSummary['severity'];

interface Filters {
  readonly policy: string;
  readonly severity: Severity | undefined;
  /** Only checks that fail somewhere (not covered by an ignore rule); the default. */
  readonly failing: boolean;
}

/** The URL key of one check; policy and check ids together name it. */
const checkKey = (check: { policyId: string; checkId: string }) => `${check.policyId}/${check.checkId}`;

export function BaselinesPage() {
  usePageTitle('Baselines');
  const me = useMe();
  const { search } = useLocation();
  const filters: Filters = {
    policy: search.get('policy') ?? '',
    severity: SEVERITIES.find((value) => value === search.get('severity')),
    failing: search.get('failing') !== 'false',
  };
  const selectedKey = search.get('check') ?? '';
  const offset = parseOffset(search.get('offset'));
  const show = (next: Partial<Filters> & { offset?: number; check?: string }) => {
    const merged = { ...filters, check: selectedKey, ...next };
    navigate(withQuery('/baselines', { policy: merged.policy || undefined, severity: merged.severity, failing: merged.failing ? undefined : 'false', check: merged.check || undefined, offset: next.offset || undefined }));
  };

  const policies = useApi<{ items: BaselinePolicySummary[] }>('/api/v1/baselines/policies', { pollMs: POLL_MS });
  const checks = useApi<ListPage<BaselineCheckSummary>>(
    withQuery('/api/v1/baselines/checks', { policyId: filters.policy || undefined, severity: filters.severity, failing: filters.failing ? 'true' : undefined, limit: PAGE_SIZE, offset: offset || undefined }),
    { pollMs: POLL_MS },
  );
  // The open check is read apart from the list, so it stays open once ignored drops it from "failing only".
  const selectedPolicy = selectedKey.includes('/') ? selectedKey.slice(0, selectedKey.indexOf('/')) : '';
  const policyChecks = useApi<ListPage<BaselineCheckSummary>>(selectedPolicy ? withQuery('/api/v1/baselines/checks', { policyId: selectedPolicy, limit: POLICY_CHECK_LIMIT }) : null, { pollMs: POLL_MS });
  const [message, setMessage] = useState<string | null>(null);
  const triage = canTriage(me.role);
  const reloadAll = () => {
    policies.reload();
    checks.reload();
    policyChecks.reload();
  };

  const data = checks.data;
  const selected = policyChecks.data?.items.find((check) => checkKey(check) === selectedKey);
  const filtered = Boolean(filters.policy || filters.severity);

  return (
    <>
      <PageHeader
        title="Baselines"
        subtitle="Configuration checks of the hosts against their hardening policies, most affected first."
        actions={
          <>
            <Link to="/baselines/schedules" className="button button-ghost">
              Schedules and trust
            </Link>
            <button type="button" className="button" onClick={reloadAll}>
              Refresh
            </button>
          </>
        }
      />
      <SuccessMessage message={message} onDismiss={() => setMessage(null)} />
      {selectedKey && policyChecks.error ? <ErrorBanner error={policyChecks.error} onRetry={policyChecks.reload} /> : null}
      {selected ? (
        <CheckDetail
          key={selectedKey}
          check={selected}
          canIgnore={triage}
          canDetect={canManage(me.role)}
          onClose={() => show({ check: '' })}
          onIgnored={(rule) => {
            setMessage(`Ignored ${rule.policyId} check ${rule.checkId} on ${rule.hostId ? 'one host' : 'all hosts'}: ${rule.reason}`);
            reloadAll();
          }}
        />
      ) : null}
      <section className="panel">
        <h2 className="panel-title">Policies</h2>
        <ListStates resource={policies} loadingLabel="Loading policies…" emptyTitle="No baseline results yet.">Results appear when an agent runs its baseline policies.</ListStates>
        {policies.data && policies.data.items.length > 0 ? <PolicyTable items={policies.data.items} selected={filters.policy} onSelect={(policy) => show({ policy, offset: 0 })} /> : null}
      </section>
      <HostRateTable key={filters.policy} policyId={filters.policy} pollMs={POLL_MS} />
      <section className="panel">
        <h2 className="panel-title">Checks</h2>
        <div className="toolbar toolbar-wrap">
          <select aria-label="Policy filter" value={filters.policy} onChange={(event) => show({ policy: event.target.value, offset: 0 })}>
            <option value="">All policies</option>
            {filters.policy && !policies.data?.items.some((policy) => policy.policyId === filters.policy) ? <option value={filters.policy}>{filters.policy}</option> : null}
            {(policies.data?.items ?? []).map((policy) => (
              <option key={policy.policyId} value={policy.policyId}>
                {policy.policyId}
              </option>
            ))}
          </select>
          <FilterSelect label="Severity filter" allLabel="All severities" values={SEVERITIES} labels={SEVERITY_LABELS} value={filters.severity} onChange={(severity) => show({ severity, offset: 0 })} />
          <label style={{ display: 'inline-flex', alignItems: 'center', gap: '0.4rem' }}>
            <input type="checkbox" checked={filters.failing} onChange={(event) => show({ failing: event.target.checked, offset: 0 })} />
            Failing only
          </label>
          <span className="toolbar-spacer" />
          {data ? <Pager offset={offset} limit={PAGE_SIZE} total={data.total} onOffset={(next) => show({ offset: next })} /> : null}
        </div>
        {checks.error ? <ErrorBanner error={checks.error} onRetry={checks.reload} /> : null}
        {checks.loading && !data ? <Spinner label="Loading checks…" /> : null}
        {data && data.items.length === 0 ? (
          <EmptyState title={filtered || filters.failing ? 'No check matches these filters.' : 'No checks.'}>
            {filters.failing ? 'No host fails a check outside an ignore rule.' : null}
          </EmptyState>
        ) : null}
        {data && data.items.length > 0 ? (
          <ListTable
            label="Checks"
            head={
              <>
                <th>Policy</th>
                <th>Check</th>
                <th>Title</th>
                <th>Severity</th>
                <th>Failed hosts</th>
                <th>Pass rate</th>
              </>
            }
          >
            {data.items.map((check) => (
              <tr key={checkKey(check)} className={checkKey(check) === selectedKey ? 'row-selected' : check.affectedHosts > 0 ? undefined : 'row-dim'}>
                <td className="mono">{check.policyId}</td>
                <td className="mono">
                  <button type="button" className="button button-link strong-link" onClick={() => show({ check: checkKey(check) })}>
                    {check.checkId}
                  </button>
                </td>
                <td>{check.title}</td>
                <td>
                  <SeverityBadge severity={check.severity} />
                </td>
                <td className="cell-number">
                  {check.affectedHosts}
                  {check.ignoredHosts > 0 ? <div className="cell-sub">{check.ignoredHosts} ignored</div> : null}
                </td>
                <td className="cell-number">
                  <PassRate rate={check.passRate} />
                </td>
              </tr>
            ))}
          </ListTable>
        ) : null}
      </section>
    </>
  );
}
