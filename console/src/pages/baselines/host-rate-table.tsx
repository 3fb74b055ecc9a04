// Each host's pass rate over its latest results (of the policy chosen above, or all), lowest first:
// which hosts to harden first. A host name opens its page with its failed checks.
import { useState } from 'react';
import { useApi } from '../../api/use-api.js';
import { ListStates } from '../../components/list-states.js';
import { ListTable } from '../../components/list-table.js';
import { Pager } from '../../components/pager.js';
import { RelativeTime, useNow } from '../../components/time.js';
import { Link, withQuery } from '../../router/router.js';
import { PassRate } from './pass-rate.js';
import type { BaselineHostSummary, ListPage } from './baseline-types.js';

const PAGE_SIZE = 20;

export function HostRateTable({ policyId, pollMs }: { readonly policyId: string; readonly pollMs: number }) {
  const now = useNow();
  const [offset, setOffset] = useState(0);
  const hosts = useApi<ListPage<BaselineHostSummary>>(withQuery('/api/v1/baselines/hosts', { policyId: policyId || undefined, limit: PAGE_SIZE, offset: offset || undefined }), { pollMs });
  const data = hosts.data;
  return (
    <section className="panel">
      <div className="panel-head">
        <h2 className="panel-title">Hosts{policyId ? ` on ${policyId}` : ''}</h2>
        {data ? <Pager offset={offset} limit={PAGE_SIZE} total={data.total} onOffset={setOffset} /> : null}
      </div>
      <ListStates resource={hosts} loadingLabel="Loading hosts…" emptyTitle="No host has baseline results yet." />
      {data && data.items.length > 0 ? (
        <ListTable
          label="Hosts by pass rate"
          head={
            <>
              <th>Host</th>
              <th>Passed</th>
              <th>Failing</th>
              <th>Not applicable</th>
              <th>Pass rate</th>
              <th>Checked</th>
            </>
          }
        >
          {data.items.map((host) => (
            <tr key={host.hostId}>
              <td>
                <Link to={`/hosts/${encodeURIComponent(host.hostId)}`}>{host.hostname}</Link>
              </td>
              <td className="cell-number">{host.passed}</td>
              <td className="cell-number">{host.affected}</td>
              <td className="cell-number">{host.notApplicable}</td>
              <td className="cell-number">
                <PassRate rate={host.passRate} />
              </td>
              <td>
                <RelativeTime iso={host.lastCheckedAt} now={now} />
              </td>
            </tr>
          ))}
        </ListTable>
      ) : null}
    </section>
  );
}
