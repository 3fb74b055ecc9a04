// The tenant's vulnerabilities: counts by severity, the advisories affecting the fleet, and the
// findings (one advisory in one package on one host) with filters, a detail with references, and
// for triagers "Detect now" and Ignore. Filters and the open finding live in the URL like the
// other lists.
import { useState } from 'react';
import { api } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { DebouncedInput } from '../../components/debounced-input.js';
import { ErrorBanner } from '../../components/feedback.js';
import { FilterSelect } from '../../components/filter-select.js';
import { HostSelect } from '../../components/host-select.js';
import { ListStates } from '../../components/list-states.js';
import { ListTable } from '../../components/list-table.js';
import { PageHeader, usePageTitle } from '../../components/page-header.js';
import { Pager, parseOffset } from '../../components/pager.js';
import { SuccessMessage } from '../../components/success-message.js';
import type { SummaryTile } from '../../components/summary-tiles.js';
import { SummaryTiles } from '../../components/summary-tiles.js';
import { useNow } from '../../components/time.js';
import { useAction } from '../../components/use-action.js';
import { Link, navigate, useLocation, withQuery } from '../../router/router.js';
import { canOperatePlatform, canTriage } from '../../session/permissions.js';
import { useMe } from '../../session/session.js';
import { AdvisoryDatabasePanel } from './advisory-database-panel.js';
import { AdvisoryTable } from './advisory-table.js';
import { FindingDetail } from './finding-detail.js';
import { FINDING_STATUSES, FINDING_STATUS_LABELS, FindingStatusBadge, VULN_SEVERITIES, VULN_SEVERITY_LABELS, VulnSeverityBadge } from './vulnerability-badges.js';
import type { AdvisoryExposure, DetectionSummary, FindingPage, FindingStatus, VulnerabilitySeverity } from './vulnerability-types.js';

const PAGE_SIZE = 50;
const POLL_MS = 30_000;
/** Findings read to name each advisory's fixed versions (the advisory list does not carry them). */
const FIXED_VERSION_SAMPLE = 500;

interface Filters {
  readonly severity: VulnerabilitySeverity | undefined;
  readonly status: FindingStatus | undefined;
  readonly package: string;
  readonly advisory: string;
  readonly hostId: string;
}

/** advisory id → its distinct fixed versions (they differ per distribution release). */
function fixedVersionsByAdvisory(page: FindingPage | undefined): Map<string, string> {
  const versions = new Map<string, Set<string>>();
  for (const finding of page?.items ?? []) {
    if (finding.fixedVersion === null) continue;
    const set = versions.get(finding.advisoryId) ?? new Set<string>();
    set.add(finding.fixedVersion);
    versions.set(finding.advisoryId, set);
  }
  return new Map([...versions].map(([id, set]) => [id, [...set].sort().join(', ')]));
}

export function VulnerabilitiesPage() {
  usePageTitle('Vulnerabilities');
  const me = useMe();
  const now = useNow();
  const { search } = useLocation();
  const filters: Filters = {
    severity: VULN_SEVERITIES.find((value) => value === search.get('severity')),
    // Open findings unless asked otherwise: fixed and ignored ones are history.
    status: FINDING_STATUSES.find((value) => value === (search.get('status') ?? 'open')),
    package: search.get('package') ?? '',
    advisory: search.get('advisory') ?? '',
    hostId: search.get('hostId') ?? '',
  };
  const selectedId = search.get('finding') ?? '';
  const offset = parseOffset(search.get('offset'));
  const show = (next: Partial<Filters> & { offset?: number; finding?: string }, replace = false) => {
    const merged = { ...filters, finding: selectedId, ...next };
    navigate(withQuery('/vulnerabilities', { ...merged, status: merged.status ?? 'all', finding: merged.finding || undefined, offset: next.offset || undefined }), { replace });
  };
  const filtered = Boolean(filters.severity || filters.package || filters.advisory || filters.hostId);

  const query = { ...filters, hostId: filters.hostId || undefined };
  const findings = useApi<FindingPage>(withQuery('/api/v1/vulnerabilities', { ...query, limit: PAGE_SIZE, offset: offset || undefined }), { pollMs: POLL_MS });
  const advisoryQuery = { status: filters.status, severity: filters.severity, package: filters.package || undefined, advisory: filters.advisory || undefined };
  const advisories = useApi<{ items: AdvisoryExposure[] }>(withQuery('/api/v1/vulnerabilities/advisories', advisoryQuery), { pollMs: POLL_MS });
  const fixedSample = useApi<FindingPage>(withQuery('/api/v1/vulnerabilities', { ...advisoryQuery, limit: FIXED_VERSION_SAMPLE }), { pollMs: POLL_MS });
  const [message, setMessage] = useState<string | null>(null);
  const detection = useAction();
  const triage = canTriage(me.role);

  const reloadAll = () => {
    findings.reload();
    advisories.reload();
    fixedSample.reload();
  };

  const detectNow = () =>
    detection.run(async () => {
      const summary = await api.post<DetectionSummary>('/api/v1/vulnerabilities/detect');
      setMessage(`Detection checked ${summary.hosts} ${summary.hosts === 1 ? 'host' : 'hosts'}: ${summary.found} new, ${summary.fixed} fixed, ${summary.open} open, ${summary.ignored} ignored.`);
      reloadAll();
    });

  const data = findings.data;
  const selected = data?.items.find((finding) => finding.id === selectedId);
  const cards: readonly SummaryTile<VulnerabilitySeverity>[] = [
    { value: undefined, label: 'All', tone: 'neutral' },
    ...VULN_SEVERITIES.map((severity) => ({ value: severity, label: VULN_SEVERITY_LABELS[severity], tone: severity === 'critical' || severity === 'high' ? 'danger' : severity === 'unknown' ? 'muted' : 'warn' })),
  ];
  const counts = data?.counts;
  const countOf = (severity: VulnerabilitySeverity | undefined) => (counts ? (severity ? counts[severity] : Object.values(counts).reduce((sum, value) => sum + value, 0)) : undefined);

  return (
    <>
      <PageHeader
        title="Vulnerabilities"
        subtitle="Installed packages matched against the advisory database, worst first."
        actions={
          <>
            <Link to="/vulnerabilities/ignores" className="button">
              Ignore rules
            </Link>
            <button type="button" className="button" onClick={reloadAll}>
              Refresh
            </button>
            {triage ? (
              <button type="button" className="button button-primary" disabled={detection.busy} onClick={() => void detectNow()}>
                {detection.busy ? 'Detecting…' : 'Detect now'}
              </button>
            ) : null}
          </>
        }
      />
      <SummaryTiles
        label="Findings by severity"
        tiles={cards}
        counts={cards.map((card) => countOf(card.value))}
        selected={filters.severity}
        onSelect={(severity) => show({ severity, offset: 0 })}
        testIdOf={(severity) => `severity-count-${severity ?? 'all'}`}
      />
      <SuccessMessage message={message} onDismiss={() => setMessage(null)} />
      {detection.error ? <ErrorBanner error={detection.error} /> : null}
      {selected ? (
        <FindingDetail
          finding={selected}
          now={now}
          canIgnore={triage}
          onClose={() => show({ finding: '' })}
          onIgnored={(rule) => {
            setMessage(`Ignored ${selected.advisoryId} in ${selected.package} on ${selected.hostname ?? selected.hostId}: ${rule.reason}`);
            reloadAll();
          }}
        />
      ) : null}
      <section className="panel">
        <h2 className="panel-title">By advisory</h2>
        <ListStates resource={advisories} loadingLabel="Loading advisories…" emptyTitle="No advisory matches these filters." />
        {advisories.data && advisories.data.items.length > 0 ? <AdvisoryTable items={advisories.data.items} fixedVersions={fixedVersionsByAdvisory(fixedSample.data)} selected={filters.advisory} onSelect={(advisory) => show({ advisory, offset: 0 })} /> : null}
      </section>
      <section className="panel">
        <h2 className="panel-title">Findings</h2>
        <div className="toolbar toolbar-wrap">
          <FilterSelect label="Severity filter" allLabel="All severities" values={VULN_SEVERITIES} labels={VULN_SEVERITY_LABELS} value={filters.severity} onChange={(severity) => show({ severity, offset: 0 })} />
          <FilterSelect label="Status filter" allLabel="All statuses" values={FINDING_STATUSES} labels={FINDING_STATUS_LABELS} value={filters.status} onChange={(status) => show({ status, offset: 0 })} />
          <DebouncedInput className="toolbar-type" placeholder="Package" aria-label="Package filter" value={filters.package} onCommit={(pkg) => show({ package: pkg, offset: 0 }, true)} />
          <DebouncedInput className="toolbar-type" placeholder="Advisory or CVE" aria-label="Advisory filter" value={filters.advisory} onCommit={(advisory) => show({ advisory, offset: 0 }, true)} />
          <HostSelect value={filters.hostId} onChange={(hostId) => show({ hostId, offset: 0 })} />
          <span className="toolbar-spacer" />
          {data ? <Pager offset={offset} limit={PAGE_SIZE} total={data.total} onOffset={(next) => show({ offset: next })} /> : null}
        </div>
        <ListStates resource={findings} loadingLabel="Loading findings…" filtered={filtered} filteredTitle="No finding matches these filters." emptyTitle="No findings." onClearFilters={() => navigate('/vulnerabilities')}>
          Findings appear when a host reports packages that an advisory in the database affects.
        </ListStates>
        {data && data.items.length > 0 ? (
          <ListTable
            label="Findings"
            head={
              <>
                <th>Severity</th>
                <th>Advisory</th>
                <th>Host</th>
                <th>Package</th>
                <th>Installed → fixed</th>
                <th>Status</th>
              </>
            }
          >
            {data.items.map((finding) => (
              <tr key={finding.id} className={finding.id === selectedId ? 'row-selected' : finding.status === 'open' ? undefined : 'row-dim'}>
                <td>
                  <VulnSeverityBadge severity={finding.severity} score={finding.score} />
                </td>
                <td className="cell-event">
                  <button type="button" className="button button-link strong-link" onClick={() => show({ finding: finding.id })}>
                    {finding.advisoryId}
                  </button>
                  {finding.aliases.length > 0 ? <div className="cell-sub mono">{finding.aliases.join(', ')}</div> : null}
                </td>
                <td>
                  <Link to={`/hosts/${encodeURIComponent(finding.hostId)}`}>{finding.hostname ?? finding.hostId.slice(0, 12)}</Link>
                </td>
                <td className="mono">{finding.package}</td>
                <td className="mono">
                  {finding.installedVersion} → {finding.fixedVersion ?? <span className="muted">no fix</span>}
                </td>
                <td>
                  <FindingStatusBadge status={finding.status} />
                </td>
              </tr>
            ))}
          </ListTable>
        ) : null}
      </section>
      <AdvisoryDatabasePanel now={now} canRefresh={canOperatePlatform(me.role)} onRefreshed={reloadAll} />
    </>
  );
}
