// A button that sends one request: it says so while the request runs (and cannot be pressed
// twice), and shows the server's refusal next to itself, as a page's header actions do.
import { useAction } from './use-action.js';

export function ActionButton({ label, busyLabel, onAction, title, primary = false }: { readonly label: string; readonly busyLabel: string; readonly onAction: () => Promise<void>; readonly title?: string; readonly primary?: boolean }) {
  const { busy, error, run } = useAction();
  return (
    <>
      {error ? (
        <span className="inline-error" role="alert">
          {error}
        </span>
      ) : null}
      <button type="button" className={primary ? 'button button-primary' : 'button'} disabled={busy} onClick={() => void run(onAction)} title={title}>
        {busy ? busyLabel : label}
      </button>
    </>
  );
}
