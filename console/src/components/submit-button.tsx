// A form's submit button that says what is happening while the action runs (and cannot be pressed
// twice), paired with useAction's `busy`.
export function SubmitButton({ busy, label, busyLabel, disabled = false, primary = false, title }: { readonly busy: boolean; readonly label: string; readonly busyLabel: string; readonly disabled?: boolean; readonly primary?: boolean; readonly title?: string }) {
  return (
    <button type="submit" className={primary ? 'button button-primary' : 'button'} disabled={busy || disabled} title={title}>
      {busy ? busyLabel : label}
    </button>
  );
}
