// A destructive action asked for twice, inline (window.confirm may be suppressed by the browser):
// the first click shows "Confirm" and "Cancel", the second runs the action; its error shows in place.
import { useState } from 'react';
import { useAction } from './use-action.js';

export function ConfirmButton({ label, confirmLabel, busyLabel, onConfirm }: { readonly label: string; readonly confirmLabel: string; readonly busyLabel: string; readonly onConfirm: () => Promise<void> }) {
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useAction();
  const confirm = () =>
    run(async () => {
      try {
        await onConfirm();
      } finally {
        setConfirming(false);
      }
    });
  if (error) return <span className="inline-error" title={error}>{error}</span>;
  if (!confirming) {
    return (
      <button type="button" className="button button-small button-danger-ghost" onClick={() => setConfirming(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm">
      <button type="button" className="button button-small button-danger" disabled={busy} onClick={() => void confirm()}>
        {busy ? busyLabel : confirmLabel}
      </button>
      <button type="button" className="button button-small button-ghost" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </span>
  );
}
