// The tenant's login whitelist rules: what each covers (source, user, hosts, hours), who made it
// and when, until when. Login activity a rule covers raises no event; an expired rule is kept for
// the record but covers no new activity. Triagers create rules, apply one to the past pending
// login events it covers (told how many changed) and delete rules; everyone else reads.
import { useState } from 'react';
import type { Whitelist } from '../../../../src/model/whitelist.js';
import { api } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { ListStates } from '../../components/list-states.js';
import { ListTable } from '../../components/list-table.js';
import { PageHeader, usePageTitle } from '../../components/page-header.js';
import { RowActions } from '../../components/row-actions.js';
import { RuleLifetimeCells, RulesTitle } from '../../components/rule-lifetime.js';
import { SuccessMessage } from '../../components/success-message.js';
import { RelativeTime, useNow } from '../../components/time.js';
import { useAction } from '../../components/use-action.js';
import { useHostNames } from '../../components/use-host-names.js';
import { canTriage } from '../../session/permissions.js';
import { useMe } from '../../session/session.js';
import { CreateWhitelistForm } from './create-whitelist-form.js';
import { HostsCell, HoursCell, isExpired, SourceCell, UserCell } from './whitelist-conditions.js';

function ApplyButton({ rule, onApplied }: { readonly rule: Whitelist; readonly onApplied: (count: number) => void }) {
  const { busy, error, run } = useAction();
  const apply = () =>
    run(async () => {
      const answer = await api.post<{ updated: number[] }>(`/api/v1/whitelists/${encodeURIComponent(rule.id)}/apply`);
      onApplied(answer.updated.length);
    });
  if (error) return <span className="inline-error" title={error}>{error}</span>;
  return (
    <button type="button" className="button button-small" disabled={busy} onClick={() => void apply()} title="Mark the pending login events this rule covers as whitelisted">
      {busy ? 'Applying…' : 'Apply to pending events'}
    </button>
  );
}

export function WhitelistsPage() {
  usePageTitle('Whitelists');
  const me = useMe();
  const now = useNow();
  const triage = canTriage(me.role);
  const rules = useApi<{ items: Whitelist[] }>('/api/v1/whitelists');
  const { hostnames, groupNames } = useHostNames();
  const [message, setMessage] = useState<string | null>(null);
  const expired = rules.data?.items.filter((rule) => isExpired(rule, now)).length ?? 0;

  async function remove(rule: Whitelist) {
    await api.delete(`/api/v1/whitelists/${encodeURIComponent(rule.id)}`);
    setMessage(`Deleted the rule “${rule.name}”: new activity it covered raises events again (events it already whitelisted stay so).`);
    rules.reload();
  }

  const applied = (rule: Whitelist, count: number) =>
    setMessage(count === 0 ? `Applied “${rule.name}”: no pending event was covered.` : `Applied “${rule.name}”: ${count} pending ${count === 1 ? 'event' : 'events'} whitelisted.`);

  return (
    <>
      <PageHeader title="Whitelists" subtitle="Login activity a rule covers raises no event. Every condition a rule names must hold; an empty one matches anything." />
      <SuccessMessage message={message} onDismiss={() => setMessage(null)} />
      {triage ? (
        <section className="panel">
          <h2 className="panel-title">New rule</h2>
          <CreateWhitelistForm
            onCreated={(rule) => {
              setMessage(`Created the rule “${rule.name}”. New activity it covers raises no event; apply it to whitelist past pending events.`);
              rules.reload();
            }}
          />
        </section>
      ) : null}
      <section className="panel">
        <RulesTitle count={rules.data?.items.length} expired={expired} />
        <ListStates resource={rules} loadingLabel="Loading whitelist rules…" emptyTitle="No whitelist rules.">Add one from a login event ("Add to whitelist"), or create one here.</ListStates>
        {rules.data && rules.data.items.length > 0 ? (
          <ListTable
            label="Whitelist rules"
            head={
              <>
                <th>Name</th>
                <th>Source</th>
                <th>User</th>
                <th>Hosts</th>
                <th>Hours</th>
                <th>Created by</th>
                <th>Created</th>
                <th>Expires</th>
                <th>State</th>
                {triage ? <th /> : null}
              </>
            }
          >
            {rules.data.items.map((rule) => {
              const over = isExpired(rule, now);
              return (
                <tr key={rule.id} className={over ? 'row-dim' : undefined}>
                  <td>{rule.name}</td>
                  <td>
                    <SourceCell rule={rule} />
                  </td>
                  <td>
                    <UserCell rule={rule} />
                  </td>
                  <td>
                    <HostsCell rule={rule} hostnames={hostnames} groupNames={groupNames} />
                  </td>
                  <td>
                    <HoursCell rule={rule} />
                  </td>
                  <td>{rule.createdBy ?? <span className="muted">—</span>}</td>
                  <td>
                    <RelativeTime iso={rule.createdAt} now={now} />
                  </td>
                  <RuleLifetimeCells expiresAt={rule.expiresAt} expired={over} now={now} />
                  {triage ? (
                    <RowActions onDelete={() => remove(rule)}>
                      <ApplyButton rule={rule} onApplied={(count) => applied(rule, count)} />
                    </RowActions>
                  ) : null}
                </tr>
              );
            })}
          </ListTable>
        ) : null}
      </section>
    </>
  );
}
