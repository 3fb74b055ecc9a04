// A host's groups as chips, each linking to the hosts list filtered by that group.
import type { HostGroupRef } from '../../../src/model/host-group.js';
import { Link, withQuery } from '../router/router.js';

export function HostGroupChips({ groups }: { readonly groups: readonly HostGroupRef[] }) {
  if (groups.length === 0) return <span className="muted">—</span>;
  return (
    <span className="chips" aria-label="Host groups">
      {groups.map((group) => (
        <Link key={group.id} to={withQuery('/hosts', { group: group.id })} className="chip">
          {group.name}
        </Link>
      ))}
    </span>
  );
}
