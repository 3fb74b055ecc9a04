// Ignoring one finding: a rule for exactly this advisory and package on this host, or on one of
// the host's groups (its other members, present and future, too), with the reason a reviewer will
// read later. The server re-applies rules, so the finding turns `ignored` at once.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../../api/client.js';
import type { Host } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { Field } from '../../components/field.js';
import { SubmitButton } from '../../components/submit-button.js';
import { FormError, useAction } from '../../components/use-action.js';
import type { VulnerabilityFinding, VulnerabilityIgnore } from './vulnerability-types.js';

export function IgnoreFindingForm({ finding, onIgnored }: { readonly finding: VulnerabilityFinding; readonly onIgnored: (rule: VulnerabilityIgnore) => void }) {
  const [reason, setReason] = useState('');
  /** '' for this host, else one of its host groups. */
  const [groupId, setGroupId] = useState('');
  const host = useApi<Host>(`/api/v1/hosts/${encodeURIComponent(finding.hostId)}`);
  const groups = host.data?.groups ?? [];
  const { busy, error, run } = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const rule = await api.post<VulnerabilityIgnore>('/api/v1/vulnerabilities/ignores', {
        advisoryId: finding.advisoryId,
        package: finding.package,
        ...(groupId ? { hostGroupId: groupId } : { hostId: finding.hostId }),
        reason: reason.trim(),
      });
      setReason('');
      setGroupId('');
      onIgnored(rule);
    });
  };

  return (
    <form className="inline-form" onSubmit={submit} aria-label="Ignore finding">
      <Field label="Reason for ignoring">
        <input name="ignoreReason" placeholder="e.g. the vulnerable feature is not used here" required maxLength={2000} value={reason} onChange={(event) => setReason(event.target.value)} />
      </Field>
      {groups.length > 0 ? (
        <Field label="Ignore on">
          <select aria-label="Ignore on" value={groupId} onChange={(event) => setGroupId(event.target.value)}>
            <option value="">this host ({finding.hostname ?? finding.hostId.slice(0, 12)})</option>
            {groups.map((group) => (
              <option key={group.id} value={group.id}>
                hosts of group {group.name}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <SubmitButton busy={busy} label="Ignore" busyLabel="Ignoring…" disabled={reason.trim() === ''} />
      <FormError error={error} />
    </form>
  );
}
