// Ignoring one baseline check: on every host, on one of the hosts it fails on, or on the members of
// a host group (hosts added to it later too), with the reason a reviewer will read later. The server applies rules on read, so the hosts turn ignored at once.
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { HostGroup } from '../../../../src/model/host-group.js';
import { api } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import type { BaselineCheckSummary, BaselineIgnoreRule, HostBaselineCheck } from './baseline-types.js';

export function IgnoreCheckForm({ check, hosts, onIgnored }: { readonly check: BaselineCheckSummary; readonly hosts: readonly HostBaselineCheck[]; readonly onIgnored: (rule: BaselineIgnoreRule) => void }) {
  const [reason, setReason] = useState('');
  /** A host id, or `group:` and a host group id. */
  const [hostId, setHostId] = useState('');
  const groups = useApi<{ items: HostGroup[] }>('/api/v1/host-groups');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const rule = await api.post<BaselineIgnoreRule>('/api/v1/baselines/ignores', {
        policyId: check.policyId,
        checkId: check.checkId,
        ...(hostId.startsWith('group:') ? { hostGroupId: hostId.slice('group:'.length) } : { hostId: hostId || undefined }),
        reason: reason.trim(),
      });
      setReason('');
      setHostId('');
      onIgnored(rule);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)} aria-label="Ignore check">
      <label className="field">
        <span className="field-label">Reason for ignoring</span>
        <input name="ignoreReason" placeholder="e.g. compensated by the network firewall" required maxLength={2000} value={reason} onChange={(event) => setReason(event.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">Ignore on</span>
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
      </label>
      <button type="submit" className="button" disabled={busy || reason.trim() === ''}>
        {busy ? 'Ignoring…' : 'Ignore'}
      </button>
      {error ? (
        <div className="alert alert-error form-error" role="alert">
          {error}
        </div>
      ) : null}
    </form>
  );
}
