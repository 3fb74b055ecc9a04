// Each policy with results in the tenant: checks, hosts, failing results and pass rate. Choosing
// one filters the checks below to it.
import { ListTable } from '../../components/list-table.js';
import { PassRate } from './pass-rate.js';
import type { BaselinePolicySummary } from './baseline-types.js';

export function PolicyTable({ items, selected, onSelect }: { readonly items: readonly BaselinePolicySummary[]; readonly selected: string; readonly onSelect: (policyId: string) => void }) {
  return (
    <ListTable
      label="Policies"
      head={
        <>
          <th>Policy</th>
          <th>Checks</th>
          <th>Hosts</th>
          <th>Failing results</th>
          <th>Not applicable</th>
          <th>Pass rate</th>
        </>
      }
    >
      {items.map((policy) => (
        <tr key={policy.policyId} className={policy.policyId === selected ? 'row-selected' : undefined}>
          <td>
            <button type="button" className="button button-link strong-link mono" onClick={() => onSelect(policy.policyId === selected ? '' : policy.policyId)}>
              {policy.policyId}
            </button>
          </td>
          <td className="cell-number">{policy.checks}</td>
          <td className="cell-number">{policy.hosts}</td>
          <td className="cell-number">{policy.affected}</td>
          <td className="cell-number">{policy.notApplicable}</td>
          <td className="cell-number">
            <PassRate rate={policy.passRate} />
          </td>
        </tr>
      ))}
    </ListTable>
  );
}
