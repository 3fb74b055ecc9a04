// The rows of one inventory kind as a table: the kind's own columns, the host (across the fleet)
// and when each row was first and last reported.
import type { InventoryItem } from '../../api/asset-types.js';
import { RelativeTime } from '../../components/time.js';
import { Link } from '../../router/router.js';
import { renderCell } from './inventory-kinds.js';
import type { AnyKindSpec } from './inventory-kinds.js';

export function InventoryTable({ spec, items, showHost, now }: { readonly spec: AnyKindSpec; readonly items: readonly InventoryItem[]; readonly showHost: boolean; readonly now: number }) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label={spec.label}>
        <thead>
          <tr>
            {spec.columns.map((column) => (
              <th key={column.label}>{column.label}</th>
            ))}
            {showHost ? <th>Host</th> : null}
            <th>First seen</th>
            <th>Last seen</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={`${item.hostId}:${item.key}`}>
              {spec.columns.map((column, index) => (
                <td key={column.label} className={column.className}>
                  {renderCell(spec, index, item)}
                </td>
              ))}
              {showHost ? (
                <td>
                  <Link to={`/hosts/${encodeURIComponent(item.hostId)}`} className="strong-link">
                    {item.hostname}
                  </Link>
                </td>
              ) : null}
              <td>
                <RelativeTime iso={item.firstSeen} now={now} />
              </td>
              <td>
                <RelativeTime iso={item.lastSeen} now={now} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
