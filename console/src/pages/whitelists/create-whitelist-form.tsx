// A new whitelist rule typed in by an analyst: a name, a source address or network, a user, the
// hosts and host groups it covers (none ticked: every host), UTC hours and how long it lasts. Every condition given
// must hold, and the server wants a source or a user, so the button waits for one of them. The
// server validates the address and the hosts; its refusal is shown as is.
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Whitelist } from '../../../../src/model/whitelist.js';
import { api } from '../../api/client.js';
import type { HostPage } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { Field } from '../../components/field.js';
import { HostGroupChecklist } from '../../components/host-group-checklist.js';
import { expiresAtFor, LifetimeSelect, NEVER_EXPIRES } from '../../components/lifetime-select.js';
import { SubmitButton } from '../../components/submit-button.js';
import { FormError, useAction } from '../../components/use-action.js';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

interface Draft {
  name: string;
  source: string;
  user: string;
  hostIds: readonly string[];
  hostGroupIds: readonly string[];
  /** '' for any time of day. */
  from: string;
  to: string;
  lifetime: string;
}

const EMPTY: Draft = { name: '', source: '', user: '', hostIds: [], hostGroupIds: [], from: '', to: '', lifetime: NEVER_EXPIRES };

function bodyOf(draft: Draft, now: number) {
  return {
    name: draft.name.trim(),
    source: draft.source.trim() || null,
    user: draft.user.trim() || null,
    hostIds: draft.hostIds,
    hostGroupIds: draft.hostGroupIds,
    hours: draft.from === '' || draft.to === '' ? null : { from: Number(draft.from), to: Number(draft.to) },
    expiresAt: expiresAtFor(draft.lifetime, now),
  };
}

export function CreateWhitelistForm({ onCreated }: { readonly onCreated: (rule: Whitelist) => void }) {
  const hosts = useApi<HostPage>('/api/v1/hosts?limit=500');
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const { busy, error, run } = useAction();
  const update = (change: Partial<Draft>) => setDraft((current) => ({ ...current, ...change }));
  const covers = draft.source.trim() !== '' || draft.user.trim() !== '';
  // Half a window would be dropped silently: ask for both ends or neither.
  const hoursComplete = (draft.from === '') === (draft.to === '');
  const sortedHosts = [...(hosts.data?.items ?? [])].sort((a, b) => a.hostname.localeCompare(b.hostname));

  function toggleHost(id: string, on: boolean) {
    update({ hostIds: on ? [...draft.hostIds, id] : draft.hostIds.filter((other) => other !== id) });
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const rule = await api.post<Whitelist>('/api/v1/whitelists', bodyOf(draft, Date.now()));
      setDraft(EMPTY);
      onCreated(rule);
    });
  };

  const missing = !covers ? 'a rule needs a source or a user' : !hoursComplete ? 'give both hours or neither' : undefined;
  return (
    <form className="whitelist-form" onSubmit={submit} aria-label="Create whitelist rule">
      <Field label="Name">
        <input name="name" required maxLength={200} placeholder="e.g. backup robot" value={draft.name} onChange={(event) => update({ name: event.target.value })} />
      </Field>
      <Field label="Source address or network">
        <input name="source" maxLength={64} placeholder="e.g. 10.0.0.0/8 or 203.0.113.5; empty for any" value={draft.source} onChange={(event) => update({ source: event.target.value })} />
      </Field>
      <Field label="User">
        <input name="user" maxLength={256} placeholder="e.g. deploy; empty for any" value={draft.user} onChange={(event) => update({ user: event.target.value })} />
      </Field>
      <fieldset className="field" aria-label="Hosts">
        <legend className="field-label">Hosts {draft.hostIds.length === 0 && draft.hostGroupIds.length === 0 ? <span className="field-hint">(none ticked, nor a group: all hosts)</span> : null}</legend>
        {sortedHosts.length === 0 ? <span className="muted">No hosts enrolled.</span> : null}
        {sortedHosts.map((host) => (
          <label key={host.id}>
            <input type="checkbox" checked={draft.hostIds.includes(host.id)} onChange={(event) => toggleHost(host.id, event.target.checked)} /> {host.hostname}
          </label>
        ))}
      </fieldset>
      <HostGroupChecklist value={draft.hostGroupIds} onChange={(hostGroupIds) => update({ hostGroupIds })} />
      <fieldset className="field">
        <legend className="field-label">Hours (UTC)</legend>
        <label>
          from
          <select aria-label="From hour" value={draft.from} onChange={(event) => update({ from: event.target.value })}>
            <option value="">any time</option>
            {HOURS.map((hour) => (
              <option key={hour} value={String(hour)}>{`${String(hour).padStart(2, '0')}:00`}</option>
            ))}
          </select>
        </label>
        <label>
          to
          <select aria-label="To hour" value={draft.to} onChange={(event) => update({ to: event.target.value })}>
            <option value="">any time</option>
            {HOURS.map((hour) => (
              <option key={hour} value={String(hour + 1)}>{`${String(hour + 1).padStart(2, '0')}:00`}</option>
            ))}
          </select>
        </label>
      </fieldset>
      <Field label="Expires after">
        <LifetimeSelect value={draft.lifetime} onChange={(lifetime) => update({ lifetime })} />
      </Field>
      <div className="toolbar">
        <SubmitButton busy={busy} label="Create rule" busyLabel="Creating…" disabled={missing !== undefined || draft.name.trim() === ''} title={missing} primary />
      </div>
      <FormError error={error} />
    </form>
  );
}
