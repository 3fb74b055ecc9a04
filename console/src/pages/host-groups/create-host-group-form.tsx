// A new host group: a name unique in the tenant and what the group is for. Members are added in
// the list afterwards (or sent here by the API), so a group can be made before its hosts enroll.
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { HostGroup } from '../../../../src/model/host-group.js';
import { api } from '../../api/client.js';
import { Field } from '../../components/field.js';
import { SubmitButton } from '../../components/submit-button.js';
import { FormError, useAction } from '../../components/use-action.js';

export function CreateHostGroupForm({ onCreated }: { readonly onCreated: (group: HostGroup) => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const { busy, error, run } = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const group = await api.post<HostGroup>('/api/v1/host-groups', { name: name.trim(), description: description.trim() });
      setName('');
      setDescription('');
      onCreated(group);
    });
  };

  return (
    <form className="inline-form" onSubmit={submit} aria-label="Create host group">
      <Field label="Name">
        <input name="name" required maxLength={128} placeholder="e.g. public web servers" value={name} onChange={(event) => setName(event.target.value)} />
      </Field>
      <Field label="Description">
        <input name="description" maxLength={2000} placeholder="what the hosts have in common" value={description} onChange={(event) => setDescription(event.target.value)} />
      </Field>
      <SubmitButton busy={busy} label="Create group" busyLabel="Creating…" disabled={name.trim() === ''} primary />
      <FormError error={error} />
    </form>
  );
}
