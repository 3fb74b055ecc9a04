// Renaming a host group or changing its description, in its row. Rules name groups by id, so a
// rename changes nothing they cover; the server refuses a name another group has.
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { HostGroup } from '../../../../src/model/host-group.js';
import { apiRequest } from '../../api/client.js';
import { Field } from '../../components/field.js';
import { FormError, useAction } from '../../components/use-action.js';

export function HostGroupEdit({ group, onSaved }: { readonly group: HostGroup; readonly onSaved: (group: HostGroup) => void }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(group.name);
  const [description, setDescription] = useState(group.description);
  const { busy, error, run, clearError } = useAction();

  if (!editing) {
    const start = () => {
      setName(group.name);
      setDescription(group.description);
      clearError();
      setEditing(true);
    };
    return (
      <button type="button" className="button button-small" onClick={start}>
        Edit
      </button>
    );
  }

  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const saved = await apiRequest<HostGroup>('PATCH', `/api/v1/host-groups/${encodeURIComponent(group.id)}`, { body: { name: name.trim(), description: description.trim() } });
      setEditing(false);
      onSaved(saved);
    });
  };

  return (
    <form className="inline-form" onSubmit={save} aria-label={`Edit ${group.name}`}>
      <Field label="Name">
        <input name="name" required maxLength={128} value={name} onChange={(event) => setName(event.target.value)} />
      </Field>
      <Field label="Description">
        <input name="description" maxLength={2000} value={description} onChange={(event) => setDescription(event.target.value)} />
      </Field>
      <button type="submit" className="button button-primary button-small" disabled={busy || name.trim() === ''}>
        {busy ? 'Saving…' : 'Save'}
      </button>
      <button type="button" className="button button-ghost button-small" disabled={busy} onClick={() => setEditing(false)}>
        Cancel
      </button>
      <FormError error={error} />
    </form>
  );
}
