// Creating or changing a registry. The password is write-only: editing shows whether one is
// stored and sends a new one only when typed (an empty field keeps the stored one).
import { useState } from 'react';
import type { FormEvent } from 'react';
import { apiRequest } from '../../api/client.js';
import { Field } from '../../components/field.js';
import { SubmitButton } from '../../components/submit-button.js';
import { FormError, useAction } from '../../components/use-action.js';
import type { CreateRegistryBody, Registry, RegistryKind, UpdateRegistryBody } from './registry-types.js';

const KINDS: readonly { kind: RegistryKind; label: string }[] = [
  { kind: 'docker-v2', label: 'Docker registry (distribution v2)' },
  { kind: 'harbor', label: 'Harbor (v2 compatible)' },
];

export function RegistryForm({ existing, onSaved, onCancel }: { readonly existing?: Registry; readonly onSaved: (registry: Registry) => void; readonly onCancel: () => void }) {
  const [name, setName] = useState(existing?.name ?? '');
  const [url, setUrl] = useState(existing?.url ?? '');
  const [kind, setKind] = useState<RegistryKind>(existing?.kind ?? 'docker-v2');
  const [username, setUsername] = useState(existing?.username ?? '');
  const [password, setPassword] = useState('');
  const [removePassword, setRemovePassword] = useState(false);
  const [tlsVerify, setTlsVerify] = useState(existing?.tlsVerify ?? true);
  const [repositoryFilter, setRepositoryFilter] = useState(existing?.repositoryFilter ?? '');
  const [syncIntervalMinutes, setSyncInterval] = useState(String(existing?.syncIntervalMinutes ?? 60));
  const [rescanHours, setRescanHours] = useState(String(existing?.rescanHours ?? 24));
  const { busy, error, run } = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const common = { name: name.trim(), url: url.trim(), kind, username: username.trim(), tlsVerify, repositoryFilter, syncIntervalMinutes: Number(syncIntervalMinutes), rescanHours: Number(rescanHours) };
    void run(async () => {
      const saved = existing
        ? await apiRequest<Registry>('PATCH', `/api/v1/registries/${encodeURIComponent(existing.id)}`, {
            body: { ...common, ...(password !== '' ? { password } : removePassword ? { password: '' } : {}) } satisfies UpdateRegistryBody,
          })
        : await apiRequest<Registry>('POST', '/api/v1/registries', { body: { ...common, password } satisfies CreateRegistryBody });
      onSaved(saved);
    });
  };

  return (
    <form className="form-stack registry-form" onSubmit={submit} aria-label={existing ? `Edit registry ${existing.name}` : 'Add registry'}>
      <div className="form-grid">
        <Field label="Name">
          <input name="name" required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. production registry" />
        </Field>
        <Field label="URL">
          <input name="url" required maxLength={500} value={url} onChange={(event) => setUrl(event.target.value)} placeholder="https://registry.example.com:5000" />
          <span className="field-hint">Host and port only; http:// for a plain-HTTP registry.</span>
        </Field>
        <Field label="Kind">
          <select name="kind" value={kind} onChange={(event) => setKind(event.target.value as RegistryKind)}>
            {KINDS.map((option) => (
              <option key={option.kind} value={option.kind}>
                {option.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Username">
          <input name="username" maxLength={200} autoComplete="off" value={username} onChange={(event) => setUsername(event.target.value)} placeholder="empty for anonymous" />
        </Field>
        <Field label="Password or token">
          <input name="password" type="password" maxLength={4096} autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} placeholder={existing?.hasPassword ? 'stored — type to replace' : ''} />
          <span className="field-hint">Stored encrypted; never shown again.</span>
        </Field>
        {existing?.hasPassword ? (
          <label className="checkbox">
            <input type="checkbox" name="removePassword" checked={removePassword} disabled={password !== ''} onChange={(event) => setRemovePassword(event.target.checked)} /> Remove the stored password
          </label>
        ) : null}
        <Field label="Repositories">
          <input name="repositoryFilter" maxLength={1000} value={repositoryFilter} onChange={(event) => setRepositoryFilter(event.target.value)} placeholder="all; or e.g. team/*, base/*" />
          <span className="field-hint">A registry that will not list its catalog (Docker Hub, a Harbor robot account) syncs the names given without *.</span>
        </Field>
        <Field label="Sync every (minutes)">
          <input name="syncIntervalMinutes" type="number" min={5} max={10080} required value={syncIntervalMinutes} onChange={(event) => setSyncInterval(event.target.value)} />
        </Field>
        <Field label="Rescan after (hours)">
          <input name="rescanHours" type="number" min={1} max={720} required value={rescanHours} onChange={(event) => setRescanHours(event.target.value)} />
        </Field>
        <label className="checkbox">
          <input type="checkbox" name="tlsVerify" checked={tlsVerify} onChange={(event) => setTlsVerify(event.target.checked)} /> Verify the TLS certificate
        </label>
      </div>
      <div className="form-actions">
        <SubmitButton busy={busy} label={existing ? 'Save changes' : 'Add registry'} busyLabel="Saving…" disabled={name.trim() === '' || url.trim() === ''} primary />
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <FormError error={error} />
    </form>
  );
}
