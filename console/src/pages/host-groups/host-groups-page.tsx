// The tenant's host groups: what each is for and which hosts are in it. Managers create groups,
// rename them, add and remove members and delete groups; a group a rule names is kept, and the refusal names
// the rules. Vulnerability ignore rules and whitelists name groups; a host added later is covered.
import { useState } from 'react';
import type { HostGroup } from '../../../../src/model/host-group.js';
import { api } from '../../api/client.js';
import type { HostPage } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { ListStates } from '../../components/list-states.js';
import { ListTable } from '../../components/list-table.js';
import { PageHeader, usePageTitle } from '../../components/page-header.js';
import { RowActions } from '../../components/row-actions.js';
import { SuccessMessage } from '../../components/success-message.js';
import { Link, withQuery } from '../../router/router.js';
import { canManage } from '../../session/permissions.js';
import { useMe } from '../../session/session.js';
import { CreateHostGroupForm } from './create-host-group-form.js';
import { HostGroupEdit } from './host-group-edit.js';
import { HostGroupMembers } from './host-group-members.js';

export function HostGroupsPage() {
  usePageTitle('Host groups');
  const me = useMe();
  const manage = canManage(me.role);
  const groups = useApi<{ items: HostGroup[] }>('/api/v1/host-groups');
  const hosts = useApi<HostPage>('/api/v1/hosts?limit=500');
  const hostnames = new Map((hosts.data?.items ?? []).map((host) => [host.id, host.hostname]));
  const [message, setMessage] = useState<string | null>(null);

  async function remove(group: HostGroup) {
    await api.delete(`/api/v1/host-groups/${encodeURIComponent(group.id)}`);
    setMessage(`Deleted the host group “${group.name}”.`);
    groups.reload();
  }

  return (
    <>
      <PageHeader title="Host groups" subtitle="Named sets of hosts. Ignore rules and whitelists can name a group: they cover its members when applied, hosts added later included." breadcrumb={<Link to="/hosts">Hosts</Link>} />
      <SuccessMessage message={message} onDismiss={() => setMessage(null)} />
      {manage ? (
        <section className="panel">
          <h2 className="panel-title">New group</h2>
          <CreateHostGroupForm
            onCreated={(group) => {
              setMessage(`Created the host group “${group.name}”. Add its hosts below.`);
              groups.reload();
            }}
          />
        </section>
      ) : null}
      <section className="panel">
        <h2 className="panel-title">Groups{groups.data ? ` (${groups.data.items.length})` : ''}</h2>
        <ListStates resource={groups} loadingLabel="Loading host groups…" emptyTitle="No host groups yet.">{manage ? 'Create one above, then add its hosts.' : 'A manager can create them.'}</ListStates>
        {groups.data && groups.data.items.length > 0 ? (
          <ListTable
            label="Host groups"
            head={
              <>
                <th>Name</th>
                <th>Description</th>
                <th>Members</th>
                {manage ? <th /> : null}
              </>
            }
          >
            {groups.data.items.map((group) => (
              <tr key={group.id}>
                <td>
                  <Link to={withQuery('/hosts', { group: group.id })} className="strong-link">
                    {group.name}
                  </Link>
                  <div className="cell-sub">{group.hostIds.length === 1 ? '1 host' : `${group.hostIds.length} hosts`}</div>
                </td>
                <td>{group.description || <span className="muted">—</span>}</td>
                <td>
                  <HostGroupMembers group={group} hostnames={hostnames} manage={manage} onChanged={groups.reload} />
                </td>
                {manage ? (
                  <RowActions onDelete={() => remove(group)}>
                    <HostGroupEdit
                      group={group}
                      onSaved={(saved) => {
                        setMessage(`Saved the host group “${saved.name}”.`);
                        groups.reload();
                      }}
                    />
                  </RowActions>
                ) : null}
              </tr>
            ))}
          </ListTable>
        ) : null}
      </section>
    </>
  );
}
