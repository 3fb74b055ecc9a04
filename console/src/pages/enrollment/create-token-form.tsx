// Creating an enrollment token: a name that says where it will be used, and how long it lives.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../../api/client.js';
import type { CreatedEnrollmentToken } from '../../api/types.js';

const LIFETIMES: readonly { hours: number | undefined; label: string }[] = [
  { hours: 1, label: '1 hour' },
  { hours: 24, label: '1 day' },
  { hours: 24 * 7, label: '7 days' },
  { hours: 24 * 30, label: '30 days' },
  { hours: undefined, label: 'Never expires' },
];

export function CreateTokenForm({ onCreated }: { readonly onCreated: (token: CreatedEnrollmentToken) => void }) {
  const [name, setName] = useState('');
  const [lifetime, setLifetime] = useState('1');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const hours = LIFETIMES[Number(lifetime)]?.hours;
      const created = await api.post<CreatedEnrollmentToken>('/api/v1/enrollment-tokens', hours === undefined ? { name: name.trim() } : { name: name.trim(), expiresInHours: hours });
      setName('');
      onCreated(created);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)} aria-label="Create enrollment token">
      <label className="field">
        <span className="field-label">Name</span>
        <input name="tokenName" placeholder="e.g. production web servers" required maxLength={128} value={name} onChange={(event) => setName(event.target.value)} />
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
      <button type="submit" className="button button-primary" disabled={busy || name.trim() === ''}>
        {busy ? 'Creating…' : 'Create token'}
      </button>
      {error ? (
        <div className="alert alert-error form-error" role="alert">
          {error}
        </div>
      ) : null}
    </form>
  );
}
