// One user action at a time, with its outcome: busy while it runs (so a form's button waits), and
// the server's refusal kept to be shown in place, next to what was refused.
import { useState } from 'react';

export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(work: () => Promise<void>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run, clearError: () => setError(null) };
}

export function FormError({ error }: { readonly error: string | null }) {
  return error ? (
    <div className="alert alert-error form-error" role="alert">
      {error}
    </div>
  ) : null;
}
