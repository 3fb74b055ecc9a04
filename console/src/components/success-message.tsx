// What an action just did, shown until dismissed: one look for every page's confirmations.
export function SuccessMessage({ message, onDismiss }: { readonly message: string | null; readonly onDismiss: () => void }) {
  if (message === null) return null;
  return (
    <div className="alert alert-success" role="status">
      <span className="alert-text">{message}</span>
      <button type="button" className="button button-small button-ghost" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
