// Renaming a host group or changing its description, in its row. Rules name groups by id, so a
// rename changes nothing they cover; the server refuses a name another group has.
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { HostGroup } from '../../../../src/model/host-group.js';
import { apiRequest } from '../../api/client.js';

export function HostGroupEdit({ group, onSaved }: { readonly group: HostGroup; readonly onSaved: (group: HostGroup) => void }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(group.name);
  const [description, setDescription] = useState(group.description);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (!editing) {
    return (
      <button
        type="button"
        className="button button-small"
        onClick={() => {
          setName(group.name);
          setDescription(group.description);
          setError(null);
          setEditing(true);
        }}
      >
        Edit
      </button>
    );
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const saved = await apiRequest<HostGroup>('PATCH', `/api/v1/host-groups/${encodeURIComponent(group.id)}`, { body: { name: name.trim(), description: description.trim() } });
      setEditing(false);
      onSaved(saved);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="inline-form" onSubmit={(event) => void save(event)} aria-label={`Edit ${group.name}`}>
      <label className="field">
        <span className="field-label">Name</span>
        <input name="name" required maxLength={128} value={name} onChange={(event) => setName(event.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">Description</span>
        <input name="description" maxLength={2000} value={description} onChange={(event) => setDescription(event.target.value)} />
      </label>
      <button type="submit" className="button button-primary button-small" disabled={busy || name.trim() === ''}>
        {busy ? 'Saving…' : 'Save'}
      </button>
      <button type="button" className="button button-ghost button-small" disabled={busy} onClick={() => setEditing(false)}>
        Cancel
      </button>
      {error ? (
        <div className="alert alert-error form-error" role="alert">
          {error}
        </div>
      ) : null}
    </form>
  );
}
