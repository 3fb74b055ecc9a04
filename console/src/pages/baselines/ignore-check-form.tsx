// Ignoring one baseline check: on every host, on one of the hosts it fails on, or on the members of
// a host group (hosts added to it later too), with the reason a reviewer will read later. The server applies rules on read, so the hosts turn ignored at once.
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { HostGroup } from '../../../../src/model/host-group.js';
import { api } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { Field } from '../../components/field.js';
import { SubmitButton } from '../../components/submit-button.js';
import { FormError, useAction } from '../../components/use-action.js';
import type { BaselineCheckSummary, BaselineIgnoreRule, HostBaselineCheck } from './baseline-types.js';

export function IgnoreCheckForm({ check, hosts, onIgnored }: { readonly check: BaselineCheckSummary; readonly hosts: readonly HostBaselineCheck[]; readonly onIgnored: (rule: BaselineIgnoreRule) => void }) {
  const [reason, setReason] = useState('');
  /** A host id, or `group:` and a host group id. */
  const [hostId, setHostId] = useState('');
  const groups = useApi<{ items: HostGroup[] }>('/api/v1/host-groups');
  const { busy, error, run } = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const rule = await api.post<BaselineIgnoreRule>('/api/v1/baselines/ignores', {
        policyId: check.policyId,
        checkId: check.checkId,
        ...(hostId.startsWith('group:') ? { hostGroupId: hostId.slice('group:'.length) } : { hostId: hostId || undefined }),
        reason: reason.trim(),
      });
      setReason('');
      setHostId('');
      onIgnored(rule);
    });
  };

  return (
    <form className="inline-form" onSubmit={submit} aria-label="Ignore check">
      <Field label="Reason for ignoring">
        <input name="ignoreReason" placeholder="e.g. compensated by the network firewall" required maxLength={2000} value={reason} onChange={(event) => setReason(event.target.value)} />
      </Field>
      <Field label="Ignore on">
        <select aria-label="Ignore on host" value={hostId} onChange={(event) => setHostId(event.target.value)}>
          <option value="">All hosts</option>
          {hosts.map((host) => (
            <option key={host.hostId} value={host.hostId}>
              {host.hostname}
            </option>
          ))}
          {groups.data && groups.data.items.length > 0 ? (
            <optgroup label="Host groups">
              {groups.data.items.map((group) => (
                <option key={group.id} value={`group:${group.id}`}>
                  {group.name}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </Field>
      <SubmitButton busy={busy} label="Ignore" busyLabel="Ignoring…" disabled={reason.trim() === ''} />
      <FormError error={error} />
    </form>
  );
}
