// Creating an enrollment token: a name that says where it will be used, and how long it lives.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../../api/client.js';
import type { CreatedEnrollmentToken } from '../../api/types.js';
import { Field } from '../../components/field.js';
import { LifetimeSelect } from '../../components/lifetime-select.js';
import { SubmitButton } from '../../components/submit-button.js';
import { FormError, useAction } from '../../components/use-action.js';

// The API takes a token's lifetime in hours, and a token is short-lived by default (1 day).
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
  const { busy, error, run } = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const hours = LIFETIMES[Number(lifetime)]?.hours;
      const created = await api.post<CreatedEnrollmentToken>('/api/v1/enrollment-tokens', hours === undefined ? { name: name.trim() } : { name: name.trim(), expiresInHours: hours });
      setName('');
      onCreated(created);
    });
  };

  return (
    <form className="inline-form" onSubmit={submit} aria-label="Create enrollment token">
      <Field label="Name">
        <input name="tokenName" placeholder="e.g. production web servers" required maxLength={128} value={name} onChange={(event) => setName(event.target.value)} />
      </Field>
      <Field label="Expires after">
        <LifetimeSelect value={lifetime} onChange={setLifetime} options={LIFETIMES} />
      </Field>
      <SubmitButton busy={busy} label="Create token" busyLabel="Creating…" disabled={name.trim() === ''} primary />
      <FormError error={error} />
    </form>
  );
}
