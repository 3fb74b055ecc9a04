// Exposure by advisory: each advisory affecting the fleet with its CVEs, packages and how many
// hosts it reaches. Choosing one filters the findings below to it.
import { ListTable } from '../../components/list-table.js';
import type { AdvisoryExposure } from './vulnerability-types.js';
import { VulnSeverityBadge } from './vulnerability-badges.js';

export function AdvisoryTable({ items, fixedVersions, selected, onSelect }: { readonly items: readonly AdvisoryExposure[]; readonly fixedVersions: ReadonlyMap<string, string>; readonly selected: string; readonly onSelect: (advisoryId: string) => void }) {
  return (
    <ListTable
      label="Advisories"
      head={
        <>
          <th>Advisory</th>
          <th>Aliases</th>
          <th>Severity</th>
          <th>Packages</th>
          <th>Fixed version</th>
          <th>Affected hosts</th>
        </>
      }
    >
      {items.map((advisory) => (
        <tr key={advisory.advisoryId} className={advisory.advisoryId === selected ? 'row-selected' : undefined}>
          <td className="cell-event">
            <button type="button" className="button button-link strong-link" onClick={() => onSelect(advisory.advisoryId === selected ? '' : advisory.advisoryId)}>
              {advisory.advisoryId}
            </button>
            {advisory.summary ? <div className="cell-sub">{advisory.summary}</div> : null}
          </td>
          <td className="mono">{advisory.aliases.join(', ') || <span className="muted">—</span>}</td>
          <td>
            <VulnSeverityBadge severity={advisory.severity} score={advisory.score} />
          </td>
          <td className="mono">{advisory.packages.join(', ')}</td>
          <td className="mono">{fixedVersions.get(advisory.advisoryId) ?? <span className="muted">see findings</span>}</td>
          <td className="cell-number">{advisory.hosts}</td>
        </tr>
      ))}
    </ListTable>
  );
}
