// The row of inventory kinds above a list: the fleet's asset pages and a host's tabs share it.
import type { ListFactKind } from '../../api/asset-types.js';
import { Link } from '../../router/router.js';
import { KIND_SPECS } from './inventory-kinds.js';

export function KindTabs({ selected, hrefFor, counts, label }: { readonly selected: ListFactKind; readonly hrefFor: (kind: ListFactKind) => string; readonly counts?: ReadonlyMap<string, number>; readonly label: string }) {
  return (
    <nav className="tabs" aria-label={label}>
      {KIND_SPECS.map((spec) => (
        <Link key={spec.kind} to={hrefFor(spec.kind)} className={spec.kind === selected ? 'tab active' : 'tab'} aria-current={spec.kind === selected ? 'page' : undefined}>
          {spec.label}
          {counts ? <span className="tab-count">{counts.get(spec.kind) ?? 0}</span> : null}
        </Link>
      ))}
    </nav>
  );
}
