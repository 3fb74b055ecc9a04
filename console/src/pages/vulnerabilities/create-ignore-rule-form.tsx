// A new ignore rule: an advisory (id or CVE), a package, a host or a host group, or any
// combination (all given must hold; a host or a group, not both), a reason a reviewer will read later, and how long it lasts. The server re-applies
// rules at once, so covered findings turn `ignored` before the list reloads.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../../api/client.js';
import { Field } from '../../components/field.js';
import { HostGroupSelect } from '../../components/host-group-select.js';
import { HostSelect } from '../../components/host-select.js';
import { expiresAtFor, LifetimeSelect, NEVER_EXPIRES } from '../../components/lifetime-select.js';
import { SubmitButton } from '../../components/submit-button.js';
import { FormError, useAction } from '../../components/use-action.js';
import type { VulnerabilityIgnore } from './vulnerability-types.js';

export function CreateIgnoreRuleForm({ onCreated }: { readonly onCreated: (rule: VulnerabilityIgnore) => void }) {
  const [advisoryId, setAdvisoryId] = useState('');
  const [pkg, setPkg] = useState('');
  const [hostId, setHostId] = useState('');
  const [hostGroupId, setHostGroupId] = useState('');
  const [reason, setReason] = useState('');
  const [lifetime, setLifetime] = useState(NEVER_EXPIRES);
  const { busy, error, run } = useAction();
  const hasCondition = advisoryId.trim() !== '' || pkg.trim() !== '' || hostId !== '' || hostGroupId !== '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const rule = await api.post<VulnerabilityIgnore>('/api/v1/vulnerabilities/ignores', {
        advisoryId: advisoryId.trim() || null,
        package: pkg.trim() || null,
        hostId: hostId || null,
        hostGroupId: hostGroupId || null,
        reason: reason.trim(),
        expiresAt: expiresAtFor(lifetime, Date.now()),
      });
      setAdvisoryId('');
      setPkg('');
      setHostId('');
      setHostGroupId('');
      setReason('');
      setLifetime(NEVER_EXPIRES);
      onCreated(rule);
    });
  };

  return (
    <form className="inline-form" onSubmit={submit} aria-label="Create ignore rule">
      <Field label="Advisory or CVE">
        <input name="advisoryId" placeholder="e.g. CVE-2023-38545" maxLength={200} value={advisoryId} onChange={(event) => setAdvisoryId(event.target.value)} />
      </Field>
      <Field label="Package">
        <input name="package" placeholder="e.g. libcurl4" maxLength={300} value={pkg} onChange={(event) => setPkg(event.target.value)} />
      </Field>
      <Field label="Host">
        <HostSelect
          value={hostId}
          onChange={(id) => {
            setHostId(id);
            if (id) setHostGroupId('');
          }}
          label="Host of the rule"
        />
      </Field>
      <Field label="or host group">
        <HostGroupSelect
          value={hostGroupId}
          onChange={(id) => {
            setHostGroupId(id);
            if (id) setHostId('');
          }}
          label="Host group of the rule"
          emptyLabel="Any group"
        />
      </Field>
      <Field label="Reason">
        <input name="reason" placeholder="why these findings need no action" required maxLength={2000} value={reason} onChange={(event) => setReason(event.target.value)} />
      </Field>
      <Field label="Expires after">
        <LifetimeSelect value={lifetime} onChange={setLifetime} />
      </Field>
      <SubmitButton busy={busy} label="Create rule" busyLabel="Creating…" disabled={!hasCondition || reason.trim() === ''} primary title={hasCondition ? undefined : 'name an advisory, a package, a host or a host group'} />
      <FormError error={error} />
    </form>
  );
}
