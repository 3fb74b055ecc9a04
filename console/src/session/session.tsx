// Who is logged in. The session itself is an http-only cookie the console never sees; the console
// learns the user from GET /auth/me and drops back to the login form on any 401.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { ApiRequestError, apiRequest, setUnauthorizedListener } from '../api/client.js';
import type { Me } from '../api/types.js';

export type SessionState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'anonymous'; readonly expired: boolean }
  | { readonly kind: 'unreachable'; readonly message: string }
  | { readonly kind: 'user'; readonly me: Me };

interface SessionValue {
  readonly state: SessionState;
  /** Called by the login form with the user the server answered. */
  signedIn(me: Me): void;
  /** Asks the server again who we are (after a password change). */
  refresh(): Promise<void>;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ kind: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const me = await apiRequest<Me>('GET', '/api/v1/auth/me', { authRequest: true });
      setState({ kind: 'user', me });
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401) setState({ kind: 'anonymous', expired: false });
      else setState({ kind: 'unreachable', message: (error as Error).message });
    }
  }, []);

  useEffect(() => {
    void refresh();
    setUnauthorizedListener(() => setState((previous) => (previous.kind === 'user' ? { kind: 'anonymous', expired: true } : previous)));
    return () => setUnauthorizedListener(null);
  }, [refresh]);

  const logout = useCallback(async () => {
    try {
      await apiRequest('POST', '/api/v1/auth/logout', { body: {}, authRequest: true });
    } catch {
      // Already logged out or the server is gone: the login form is the right place either way.
    }
    setState({ kind: 'anonymous', expired: false });
  }, []);

  const value = useMemo<SessionValue>(() => ({ state, signedIn: (me) => setState({ kind: 'user', me }), refresh, logout }), [state, refresh, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside <SessionProvider>');
  return value;
}

/** The logged-in user; only for components rendered inside the signed-in shell. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.kind !== 'user') throw new Error('useMe without a signed-in user');
  return state.me;
}
