// The tenant's vulnerability ignore rules: what each covers (advisory, package, host or host
// group), why, who
// made it and until when. An expired rule is kept for the record but applies no more: its findings
// are open again. Triagers create and delete rules here; everyone else reads.
import { useState } from 'react';
import { api } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { ListStates } from '../../components/list-states.js';
import { ListTable } from '../../components/list-table.js';
import { PageHeader, usePageTitle } from '../../components/page-header.js';
import { RowActions } from '../../components/row-actions.js';
import { RuleLifetimeCells, RulesTitle } from '../../components/rule-lifetime.js';
import { SuccessMessage } from '../../components/success-message.js';
import { RelativeTime, useNow } from '../../components/time.js';
import { useHostNames } from '../../components/use-host-names.js';
import { Link, withQuery } from '../../router/router.js';
import { canTriage } from '../../session/permissions.js';
import { useMe } from '../../session/session.js';
import { CreateIgnoreRuleForm } from './create-ignore-rule-form.js';
import type { VulnerabilityIgnore } from './vulnerability-types.js';

const anything = <span className="muted">any</span>;

export function IgnoreRulesPage() {
  usePageTitle('Vulnerability ignore rules');
  const me = useMe();
  const now = useNow();
  const triage = canTriage(me.role);
  const rules = useApi<{ items: VulnerabilityIgnore[] }>('/api/v1/vulnerabilities/ignores');
  const { hostnames, groupNames } = useHostNames();
  const [message, setMessage] = useState<string | null>(null);
  const expired = rules.data?.items.filter((rule) => !rule.active).length ?? 0;

  async function remove(rule: VulnerabilityIgnore) {
    await api.delete(`/api/v1/vulnerabilities/ignores/${encodeURIComponent(rule.id)}`);
    setMessage(`Deleted the rule “${rule.reason}”: the findings it covered are open again.`);
    rules.reload();
  }

  return (
    <>
      <PageHeader
        title="Ignore rules"
        subtitle="Findings a rule covers are ignored until it expires or is deleted. Every condition a rule names must hold."
        breadcrumb={<Link to="/vulnerabilities">Vulnerabilities</Link>}
      />
      <SuccessMessage message={message} onDismiss={() => setMessage(null)} />
      {triage ? (
        <section className="panel">
          <h2 className="panel-title">New rule</h2>
          <CreateIgnoreRuleForm
            onCreated={(rule) => {
              setMessage(`Created the rule “${rule.reason}”.`);
              rules.reload();
            }}
          />
        </section>
      ) : null}
      <section className="panel">
        <RulesTitle count={rules.data?.items.length} expired={expired} />
        <ListStates resource={rules} loadingLabel="Loading ignore rules…" emptyTitle="No ignore rules.">Ignore a finding from its detail on the Vulnerabilities page, or create a rule here.</ListStates>
        {rules.data && rules.data.items.length > 0 ? (
          <ListTable
            label="Ignore rules"
            head={
              <>
                <th>Advisory</th>
                <th>Package</th>
                <th>Host or group</th>
                <th>Reason</th>
                <th>Created by</th>
                <th>Created</th>
                <th>Expires</th>
                <th>State</th>
                {triage ? <th /> : null}
              </>
            }
          >
            {rules.data.items.map((rule) => (
              <tr key={rule.id} className={rule.active ? undefined : 'row-dim'}>
                <td className="mono">{rule.advisoryId ?? anything}</td>
                <td className="mono">{rule.package ?? anything}</td>
                <td>
                  {rule.hostId ? <Link to={`/hosts/${encodeURIComponent(rule.hostId)}`}>{hostnames.get(rule.hostId) ?? rule.hostId.slice(0, 12)}</Link> : null}
                  {rule.hostGroupId ? (
                    <Link to={withQuery('/hosts', { group: rule.hostGroupId })} className="chip" title="host group: its members when the rule is applied">
                      {groupNames.get(rule.hostGroupId) ?? rule.hostGroupId.slice(0, 12)}
                    </Link>
                  ) : null}
                  {rule.hostId || rule.hostGroupId ? null : anything}
                </td>
                <td>{rule.reason}</td>
                <td>{rule.createdBy}</td>
                <td>
                  <RelativeTime iso={rule.createdAt} now={now} />
                </td>
                <RuleLifetimeCells expiresAt={rule.expiresAt} expired={!rule.active} now={now} />
                {triage ? (
                  <RowActions onDelete={() => remove(rule)} />
                ) : null}
              </tr>
            ))}
          </ListTable>
        ) : null}
      </section>
    </>
  );
}
