// One group's members as chips; a manager removes one with its ×, and adds a host picked from the
// fleet. Rules naming the group cover the new member from their next application on.
import { useState } from 'react';
import type { HostGroup } from '../../../../src/model/host-group.js';
import { api } from '../../api/client.js';
import { HostSelect } from '../../components/host-select.js';
import { FormError, useAction } from '../../components/use-action.js';
import { Link } from '../../router/router.js';

export function HostGroupMembers({ group, hostnames, manage, onChanged }: { readonly group: HostGroup; readonly hostnames: ReadonlyMap<string, string>; readonly manage: boolean; readonly onChanged: () => void }) {
  const [adding, setAdding] = useState('');
  const { busy, error, run } = useAction();
  const base = `/api/v1/host-groups/${encodeURIComponent(group.id)}/members`;

  const change = (path: string, hostId: string) =>
    run(async () => {
      await api.post<HostGroup>(path, { hostIds: [hostId] });
      setAdding('');
      onChanged();
    });

  const nameOf = (id: string) => hostnames.get(id) ?? id.slice(0, 12);
  return (
    <div className="host-group-members">
      <span className="chips" aria-label={`Members of ${group.name}`}>
        {group.hostIds.length === 0 ? <span className="muted">no hosts</span> : null}
        {group.hostIds.map((id) => (
          <span key={id} className="chip">
            <Link to={`/hosts/${encodeURIComponent(id)}`}>{nameOf(id)}</Link>
            {manage ? (
              <button type="button" className="button-link" disabled={busy} aria-label={`Remove ${nameOf(id)} from ${group.name}`} onClick={() => void change(`${base}/remove`, id)}>
                {' ×'}
              </button>
            ) : null}
          </span>
        ))}
      </span>
      {manage ? (
        <span className="toolbar">
          <HostSelect value={adding} onChange={setAdding} label={`Host to add to ${group.name}`} emptyLabel="(choose a host)" />
          <button type="button" className="button button-small" disabled={busy || adding === '' || group.hostIds.includes(adding)} onClick={() => void change(base, adding)}>
            Add host
          </button>
        </span>
      ) : null}
      <FormError error={error} />
    </div>
  );
}
