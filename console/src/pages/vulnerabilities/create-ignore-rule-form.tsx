// A new ignore rule: an advisory (id or CVE), a package, a host or a host group, or any
// combination (all given must hold; a host or a group, not both), a reason a reviewer will read later, and how long it lasts. The server re-applies
// rules at once, so covered findings turn `ignored` before the list reloads.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../../api/client.js';
import { HostGroupSelect } from '../../components/host-group-select.js';
import { HostSelect } from '../../components/host-select.js';
import type { VulnerabilityIgnore } from './vulnerability-types.js';

const LIFETIMES: readonly { days: number | null; label: string }[] = [
  { days: null, label: 'Never expires' },
  { days: 1, label: '1 day' },
  { days: 7, label: '7 days' },
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: '1 year' },
];

export function CreateIgnoreRuleForm({ onCreated }: { readonly onCreated: (rule: VulnerabilityIgnore) => void }) {
  const [advisoryId, setAdvisoryId] = useState('');
  const [pkg, setPkg] = useState('');
  const [hostId, setHostId] = useState('');
  const [hostGroupId, setHostGroupId] = useState('');
  const [reason, setReason] = useState('');
  const [lifetime, setLifetime] = useState('0');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hasCondition = advisoryId.trim() !== '' || pkg.trim() !== '' || hostId !== '' || hostGroupId !== '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const days = LIFETIMES[Number(lifetime)]?.days ?? null;
      const rule = await api.post<VulnerabilityIgnore>('/api/v1/vulnerabilities/ignores', {
        advisoryId: advisoryId.trim() || null,
        package: pkg.trim() || null,
        hostId: hostId || null,
        hostGroupId: hostGroupId || null,
        reason: reason.trim(),
        expiresAt: days === null ? null : new Date(Date.now() + days * 86_400_000).toISOString(),
      });
      setAdvisoryId('');
      setPkg('');
      setHostId('');
      setHostGroupId('');
      setReason('');
      setLifetime('0');
      onCreated(rule);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)} aria-label="Create ignore rule">
      <label className="field">
        <span className="field-label">Advisory or CVE</span>
        <input name="advisoryId" placeholder="e.g. CVE-2023-38545" maxLength={200} value={advisoryId} onChange={(event) => setAdvisoryId(event.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">Package</span>
        <input name="package" placeholder="e.g. libcurl4" maxLength={300} value={pkg} onChange={(event) => setPkg(event.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">Host</span>
        <HostSelect
          value={hostId}
          onChange={(id) => {
            setHostId(id);
            if (id) setHostGroupId('');
          }}
          label="Host of the rule"
        />
      </label>
      <label className="field">
        <span className="field-label">or host group</span>
        <HostGroupSelect
          value={hostGroupId}
          onChange={(id) => {
            setHostGroupId(id);
            if (id) setHostId('');
          }}
          label="Host group of the rule"
          emptyLabel="Any group"
        />
      </label>
      <label className="field">
        <span className="field-label">Reason</span>
        <input name="reason" placeholder="why these findings need no action" required maxLength={2000} value={reason} onChange={(event) => setReason(event.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">Expires after</span>
        <select name="lifetime" value={lifetime} onChange={(event) => setLifetime(event.target.value)}>
          {LIFETIMES.map((option, index) => (
            <option key={option.label} value={String(index)}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button button-primary" disabled={busy || !hasCondition || reason.trim() === ''} title={hasCondition ? undefined : 'name an advisory, a package, a host or a host group'}>
        {busy ? 'Creating…' : 'Create rule'}
      </button>
      {error ? (
        <div className="alert alert-error form-error" role="alert">
          {error}
        </div>
      ) : null}
    </form>
  );
}
