// The status changes a triager makes on one event or a selection: handled, ignored, whitelisted,
// or back to pending. The server answers which events it changed; only those are reported.
import { useState } from 'react';
import { api } from '../../api/client.js';
import type { EventStatus } from '../../api/asset-types.js';

const ACTIONS: readonly { status: EventStatus; label: string; done: string; className: string }[] = [
  { status: 'handled', label: 'Mark handled', done: 'marked handled', className: 'button button-small button-primary' },
  { status: 'ignored', label: 'Ignore', done: 'ignored', className: 'button button-small' },
  { status: 'whitelisted', label: 'Whitelist', done: 'whitelisted', className: 'button button-small' },
  { status: 'pending', label: 'Reopen', done: 'reopened', className: 'button button-small button-ghost' },
];

export function EventStatusActions({ ids, current, onChanged }: { readonly ids: readonly number[]; readonly current?: EventStatus; readonly onChanged: (message: string) => void }) {
  const [busy, setBusy] = useState<EventStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function change(status: EventStatus, done: string) {
    setBusy(status);
    setError(null);
    try {
      const answer = await api.post<{ updated: number[] }>('/api/v1/events/status', { ids, status });
      const count = answer.updated.length;
      onChanged(count === 0 ? 'No event was changed (they may have been removed).' : `${count} ${count === 1 ? 'event' : 'events'} ${done}.`);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(null);
    }
  }
  return (
    <span className="status-actions" role="group" aria-label="Change status">
      {error ? (
        <span className="inline-error" role="alert">
          {error}
        </span>
      ) : null}
      {ACTIONS.filter((action) => action.status !== current).map((action) => (
        <button key={action.status} type="button" className={action.className} disabled={busy !== null || ids.length === 0} onClick={() => void change(action.status, action.done)}>
          {busy === action.status ? 'Saving…' : action.label}
        </button>
      ))}
    </span>
  );
}
