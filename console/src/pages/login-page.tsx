// The login form. It shows the server's own message; it cannot tell whether a user exists
// (the server does not say), and after too many failures it says so with the wait time.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiRequestError, apiRequest } from '../api/client.js';
import type { Me } from '../api/types.js';
import { Field } from '../components/field.js';
import { Logo } from '../components/logo.js';
import { usePageTitle } from '../components/page-header.js';
import { useSession } from '../session/session.js';

function loginErrorText(error: unknown): string {
  if (!(error instanceof ApiRequestError)) return (error as Error).message;
  if (error.status === 429) {
    const seconds = error.retryAfterSeconds;
    const wait = seconds === undefined ? ' Try again later.' : seconds < 60 ? ` Try again in ${seconds} s.` : ` Try again in ${Math.ceil(seconds / 60)} min.`;
    return `Too many attempts.${wait}`;
  }
  return error.message;
}

export function LoginPage({ expired }: { readonly expired: boolean }) {
  usePageTitle('Sign in');
  const { signedIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await apiRequest<Me>('POST', '/api/v1/auth/login', { body: { username, password }, authRequest: true });
      signedIn(me);
    } catch (failure) {
      setError(loginErrorText(failure));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="auth-screen">
      <form className="auth-card" onSubmit={(event) => void submit(event)} aria-label="Sign in">
        <div className="auth-brand">
          <Logo size={36} />
          <div>
            <div className="auth-product">Palisade</div>
            <div className="auth-tagline">Workload protection for Linux hosts and containers</div>
          </div>
        </div>
        <h1 className="auth-title">Sign in to the console</h1>
        {expired && !error ? <div className="alert alert-info">Your session has ended. Sign in again.</div> : null}
        {error ? (
          <div className="alert alert-error" role="alert">
            {error}
          </div>
        ) : null}
        <Field label="User name">
          <input name="username" autoComplete="username" autoFocus required value={username} onChange={(event) => setUsername(event.target.value)} />
        </Field>
        <Field label="Password">
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
        </Field>
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
