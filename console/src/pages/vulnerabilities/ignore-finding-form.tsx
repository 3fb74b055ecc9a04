// Ignoring one finding: a rule for exactly this advisory, package and host, with the reason a
// reviewer will read later. The server re-applies rules, so the finding turns `ignored` at once.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../../api/client.js';
import type { VulnerabilityFinding, VulnerabilityIgnore } from './vulnerability-types.js';

export function IgnoreFindingForm({ finding, onIgnored }: { readonly finding: VulnerabilityFinding; readonly onIgnored: (rule: VulnerabilityIgnore) => void }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const rule = await api.post<VulnerabilityIgnore>('/api/v1/vulnerabilities/ignores', { advisoryId: finding.advisoryId, package: finding.package, hostId: finding.hostId, reason: reason.trim() });
      setReason('');
      onIgnored(rule);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)} aria-label="Ignore finding">
      <label className="field">
        <span className="field-label">Reason for ignoring</span>
        <input name="ignoreReason" placeholder="e.g. the vulnerable feature is not used here" required maxLength={2000} value={reason} onChange={(event) => setReason(event.target.value)} />
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
