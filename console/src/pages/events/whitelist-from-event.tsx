// "Add to whitelist" on a login event: the server proposes a rule from the event (its source
// address, its user, its host); the analyst widens or narrows it (the address or its /24, with or
// without the user, this host, a host group or all hosts, an expiry), creates it, and may then apply it to the
// past pending events it covers, this one included.
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { LoginDetectionType } from '../../../../src/model/login.js';
import type { Whitelist, WhitelistProposal } from '../../../../src/model/whitelist.js';
import { api } from '../../api/client.js';
import { Field } from '../../components/field.js';
import { HostGroupSelect } from '../../components/host-group-select.js';
import { expiresAtFor, LifetimeSelect, NEVER_EXPIRES } from '../../components/lifetime-select.js';
import { FormError, useAction } from '../../components/use-action.js';

type SourceChoice = 'address' | 'network' | 'any';

/** Event types the login detections raise: the only ones a whitelist rule can cover. */
export const LOGIN_EVENT_TYPES: ReadonlySet<string> = new Set<LoginDetectionType>(['brute_force', 'low_and_slow', 'distributed_attack', 'password_spraying', 'password_cracked', 'abnormal_login']);

interface Draft {
  name: string;
  source: SourceChoice;
  withUser: boolean;
  allHosts: boolean;
  /** A host group instead of this host or all hosts: its members when the rule is applied. */
  groupId?: string;
  lifetime: string;
}

function ruleOf(proposal: WhitelistProposal, draft: Draft, now: number) {
  const { choices } = proposal;
  return {
    name: draft.name.trim(),
    source: draft.source === 'address' ? choices.address : draft.source === 'network' ? choices.network : null,
    user: draft.withUser ? choices.user : null,
    hostIds: draft.groupId || draft.allHosts || !choices.hostId ? [] : [choices.hostId],
    hostGroupIds: draft.groupId ? [draft.groupId] : [],
    hours: null,
    expiresAt: expiresAtFor(draft.lifetime, now),
  };
}

export function WhitelistFromEvent({ eventId, onApplied }: { readonly eventId: number; readonly onApplied: (message: string) => void }) {
  const [proposal, setProposal] = useState<WhitelistProposal | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [created, setCreated] = useState<Whitelist | null>(null);
  const { busy, error, run } = useAction();

  const open = () =>
    run(async () => {
      const answer = await api.get<WhitelistProposal>(`/api/v1/events/${eventId}/whitelist-proposal`);
      setProposal(answer);
      setCreated(null);
      setDraft({ name: answer.rule.name, source: answer.choices.address ? 'address' : 'any', withUser: answer.rule.user !== null, allHosts: answer.rule.hostIds.length === 0, lifetime: NEVER_EXPIRES });
    });

  const create = (event: FormEvent) => {
    event.preventDefault();
    if (!proposal || !draft) return;
    void run(async () => setCreated(await api.post<Whitelist>('/api/v1/whitelists', ruleOf(proposal, draft, Date.now()))));
  };

  const apply = () =>
    run(async () => {
      if (!created) return;
      const answer = await api.post<{ updated: number[] }>(`/api/v1/whitelists/${encodeURIComponent(created.id)}/apply`);
      const count = answer.updated.length;
      setProposal(null);
      setCreated(null);
      onApplied(count === 0 ? `Rule "${created.name}" applied: no pending event was covered.` : `Rule "${created.name}" applied: ${count} pending ${count === 1 ? 'event' : 'events'} whitelisted.`);
    });

  const errorBanner = <FormError error={error} />;

  if (!proposal || !draft) {
    return (
      <section className="panel" aria-label="Whitelist">
        <div className="panel-head">
          <h2 className="panel-title">Whitelist</h2>
          <button type="button" className="button" disabled={busy} onClick={() => void open()}>
            {busy ? 'Loading…' : 'Add to whitelist'}
          </button>
        </div>
        {errorBanner}
      </section>
    );
  }

  if (created) {
    return (
      <section className="panel" aria-label="Whitelist">
        <h2 className="panel-title">Whitelist</h2>
        <div className="alert alert-success" role="status">
          <span className="alert-text">Rule "{created.name}" created. New activity it covers raises no event.</span>
        </div>
        <div className="toolbar">
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void apply()}>
            {busy ? 'Applying…' : 'Apply to past pending events'}
          </button>
          <button type="button" className="button button-ghost" disabled={busy} onClick={() => setProposal(null)}>
            Not now
          </button>
        </div>
        {errorBanner}
      </section>
    );
  }

  const { choices } = proposal;
  const rule = ruleOf(proposal, draft, Date.now());
  const update = (change: Partial<Draft>) => setDraft({ ...draft, ...change });
  const coversSomething = rule.source !== null || rule.user !== null;
  return (
    <section className="panel" aria-label="Whitelist">
      <h2 className="panel-title">New whitelist rule from this event</h2>
      <form className="whitelist-form" onSubmit={create} aria-label="Whitelist rule">
        <Field label="Name">
          <input name="name" required maxLength={200} value={draft.name} onChange={(event) => update({ name: event.target.value })} />
        </Field>
        <fieldset className="field">
          <legend className="field-label">Source</legend>
          <label>
            <input type="radio" name="source" disabled={!choices.address} checked={draft.source === 'address'} onChange={() => update({ source: 'address' })} /> this address <span className="mono">{choices.address ?? '—'}</span>
          </label>
          <label>
            <input type="radio" name="source" disabled={!choices.network} checked={draft.source === 'network'} onChange={() => update({ source: 'network' })} /> its network <span className="mono">{choices.network ?? '—'}</span>
          </label>
          <label>
            <input type="radio" name="source" checked={draft.source === 'any'} onChange={() => update({ source: 'any' })} /> any source
          </label>
        </fieldset>
        <fieldset className="field">
          <legend className="field-label">User</legend>
          <label>
            <input type="checkbox" name="withUser" disabled={!choices.user} checked={draft.withUser} onChange={(event) => update({ withUser: event.target.checked })} /> only user <span className="mono">{choices.user ?? '—'}</span>
          </label>
        </fieldset>
        <fieldset className="field">
          <legend className="field-label">Hosts</legend>
          <label>
            <input type="radio" name="hosts" disabled={!choices.hostId} checked={!draft.allHosts && !draft.groupId} onChange={() => update({ allHosts: false, groupId: '' })} /> this host {choices.hostname ? <span className="mono">{choices.hostname}</span> : null}
          </label>
          <label>
            <input type="radio" name="hosts" checked={draft.allHosts && !draft.groupId} onChange={() => update({ allHosts: true, groupId: '' })} /> all hosts
          </label>
          <label>
            the hosts of group <HostGroupSelect value={draft.groupId ?? ''} onChange={(groupId) => update({ groupId })} label="Host group of the rule" emptyLabel="(choose a group)" />
          </label>
        </fieldset>
        <Field label="Expires after">
          <LifetimeSelect value={draft.lifetime} onChange={(lifetime) => update({ lifetime })} />
        </Field>
        <p className="muted" aria-label="Rule summary">
          Covers logins {rule.user ? <>of <strong>{rule.user}</strong> </> : 'of any user '}
          {rule.source ? <>from <strong className="mono">{rule.source}</strong> </> : 'from any source '}
          {rule.hostGroupIds.length > 0 ? 'on the hosts of the chosen group' : rule.hostIds.length > 0 ? `on ${choices.hostname ?? 'this host'}` : 'on all hosts'}
          {rule.expiresAt ? `, until ${new Date(rule.expiresAt).toLocaleString()}` : ', with no expiry'}.
        </p>
        <div className="toolbar">
          <button type="submit" className="button button-primary" disabled={busy || !coversSomething || rule.name === ''} title={coversSomething ? undefined : 'a rule needs a source or a user'}>
            {busy ? 'Creating…' : 'Create rule'}
          </button>
          <button type="button" className="button button-ghost" disabled={busy} onClick={() => setProposal(null)}>
            Cancel
          </button>
        </div>
        {errorBanner}
      </form>
    </section>
  );
}
