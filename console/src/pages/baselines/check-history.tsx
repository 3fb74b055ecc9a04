// A check's history across the fleet: its pass rate per day over the last 30 days, and its results
// on each host as intervals, latest first: "failed from T1 to T2, confirmed by N scans" (a host that
// went from failing to passing shows both).
import { useState } from 'react';
import { useApi } from '../../api/use-api.js';
import { ErrorBanner } from '../../components/feedback.js';
import { ListStates } from '../../components/list-states.js';
import { ListTable } from '../../components/list-table.js';
import { Pager } from '../../components/pager.js';
import { Sparkline } from '../../components/sparkline.js';
import { Badge } from '../../components/status-badge.js';
import { ExactTime } from '../../components/time.js';
import { Link, withQuery } from '../../router/router.js';
import type { BaselineCheckHistoryEntry, BaselineTrendDay, ListPage } from './baseline-types.js';

const PAGE_SIZE = 20;
const TREND_DAYS = 30;
const RESULT_TONES = { passed: 'ok', failed: 'warn', not_applicable: 'muted', error: 'danger' } as const;
const RESULT_LABELS = { passed: 'Passed', failed: 'Failed', not_applicable: 'Not applicable', error: 'Error' } as const;

export function CheckHistory({ policyId, checkId }: { readonly policyId: string; readonly checkId: string }) {
  const [offset, setOffset] = useState(0);
  const trend = useApi<{ items: BaselineTrendDay[] }>(withQuery('/api/v1/baselines/trend', { policyId, checkId, days: TREND_DAYS }));
  const intervals = useApi<ListPage<BaselineCheckHistoryEntry>>(withQuery('/api/v1/baselines/history', { policyId, checkId, limit: PAGE_SIZE, offset: offset || undefined }));
  const days = trend.data?.items ?? [];
  return (
    <>
      <h3 className="panel-title">Pass rate, last {TREND_DAYS} days</h3>
      {trend.error ? <ErrorBanner error={trend.error} onRetry={trend.reload} /> : null}
      {days.length > 0 ? (
        <div aria-label="Pass rate trend">
          <Sparkline points={days.map((day) => ({ at: Date.parse(`${day.day}T00:00:00Z`), value: day.passRate === null ? null : day.passRate * 100 }))} label={`Daily pass rate of ${policyId} ${checkId}`} tone="ok" />
          <div className="cell-sub">
            {days[0]!.day} to {days[days.length - 1]!.day}: latest day {days[days.length - 1]!.passed} passed, {days[days.length - 1]!.failed} failed
          </div>
        </div>
      ) : trend.data ? (
        <p className="muted">No scans in the last {TREND_DAYS} days.</p>
      ) : null}
      <div className="panel-head">
        <h3 className="panel-title">Result history</h3>
        {intervals.data ? <Pager offset={offset} limit={PAGE_SIZE} total={intervals.data.total} onOffset={setOffset} /> : null}
      </div>
      <ListStates resource={intervals} loadingLabel="Loading history…" emptyTitle="No scan of this check yet." />
      {intervals.data && intervals.data.items.length > 0 ? (
        <ListTable
          label="Result history"
          head={
            <>
              <th>Host</th>
              <th>Result</th>
              <th>From</th>
              <th>To</th>
              <th>Confirmed by</th>
            </>
          }
        >
          {intervals.data.items.map((entry) => (
            <tr key={`${entry.hostId}/${entry.firstSeenAt}`}>
              <td>
                <Link to={`/hosts/${encodeURIComponent(entry.hostId)}`}>{entry.hostname}</Link>
              </td>
              <td>
                <Badge tone={RESULT_TONES[entry.result]}>{RESULT_LABELS[entry.result]}</Badge>
              </td>
              <td>
                <ExactTime iso={entry.firstSeenAt} />
              </td>
              <td>
                <ExactTime iso={entry.lastSeenAt} />
              </td>
              <td>{entry.scans === 1 ? '1 scan' : `${entry.scans} scans`}</td>
            </tr>
          ))}
        </ListTable>
      ) : null}
    </>
  );
}
