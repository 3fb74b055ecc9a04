// Extend (by a chosen time from now) and Lift for one block; lifting is asked twice.
import { useState } from 'react';
import type { Block } from '../../../../src/model/response.js';
import { ConfirmButton } from '../../components/confirm-button.js';
import { useAction } from '../../components/use-action.js';

export const DURATIONS: readonly { seconds: number; label: string }[] = [
  { seconds: 3600, label: '1 hour' },
  { seconds: 6 * 3600, label: '6 hours' },
  { seconds: 24 * 3600, label: '1 day' },
  { seconds: 7 * 24 * 3600, label: '7 days' },
  { seconds: 30 * 24 * 3600, label: '30 days' },
];

export function BlockActions({ block, onAct }: { readonly block: Block; readonly onAct: (block: Block, action: 'extend' | 'lift', seconds?: number) => Promise<void> }) {
  const [seconds, setSeconds] = useState(DURATIONS[2]!.seconds);
  const { busy, error, run } = useAction();
  return (
    <span className="row-actions">
      <select aria-label={`Extend ${block.source} by`} value={seconds} onChange={(event) => setSeconds(Number(event.target.value))}>
        {DURATIONS.map((duration) => (
          <option key={duration.seconds} value={duration.seconds}>
            {duration.label}
          </option>
        ))}
      </select>
      <button type="button" className="button button-small" disabled={busy} onClick={() => void run(() => onAct(block, 'extend', seconds))}>
        {busy ? 'Extending…' : block.state === 'expired' ? 'Block again' : 'Extend'}
      </button>
      {block.state === 'active' ? <ConfirmButton label="Lift" confirmLabel={`Lift ${block.source}`} busyLabel="Lifting…" onConfirm={() => onAct(block, 'lift')} /> : null}
      {error ? <span className="inline-error">{error}</span> : null}
    </span>
  );
}
