// Changing one's own password: forced at the first login with a generated password, and
// available any time from the account page. The server ends the user's other sessions.
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../api/client.js';
import { Field } from '../components/field.js';

// The server's rule (src/model/account.ts Password); checked here only to answer sooner.
const MIN_LENGTH = 12;

export function ChangePasswordForm({ onChanged }: { readonly onChanged: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const ids = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (next.length < MIN_LENGTH) return setError(`The new password needs at least ${MIN_LENGTH} characters.`);
    if (next !== repeat) return setError('The two new passwords differ.');
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/v1/auth/password', { currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setRepeat('');
      onChanged();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form-stack" onSubmit={(event) => void submit(event)} aria-label="Change password">
      {error ? (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      ) : null}
      <Field label="Current password">
        <input name="currentPassword" type="password" autoComplete="current-password" required value={current} onChange={(event) => setCurrent(event.target.value)} />
      </Field>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-new`}>
          New password
        </label>
        <input
          id={`${ids}-new`}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          aria-describedby={`${ids}-hint`}
          value={next}
          onChange={(event) => setNext(event.target.value)}
        />
        <span id={`${ids}-hint`} className="field-hint">
          At least {MIN_LENGTH} characters.
        </span>
      </div>
      <Field label="Repeat new password">
        <input name="repeatPassword" type="password" autoComplete="new-password" required value={repeat} onChange={(event) => setRepeat(event.target.value)} />
      </Field>
      <div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}
