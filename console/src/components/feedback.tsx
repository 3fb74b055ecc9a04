// Loading, error and empty states, so every page shows the same thing while it waits or fails.
import type { ReactNode } from 'react';
import type { ApiRequestError } from '../api/client.js';

export function Spinner({ label = 'Loading…' }: { readonly label?: string }) {
  return (
    <div className="state state-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function ErrorBanner({ error, onRetry }: { readonly error: ApiRequestError | Error | string; readonly onRetry?: () => void }) {
  const message = typeof error === 'string' ? error : error.message;
  const code = typeof error === 'object' && 'code' in error && error.code !== 'client' ? error.code : undefined;
  return (
    <div className="alert alert-error" role="alert">
      <span className="alert-text">
        {message}
        {code ? <span className="alert-code">{code}</span> : null}
      </span>
      {onRetry ? (
        <button type="button" className="button button-small" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}

export function EmptyState({ title, children }: { readonly title: string; readonly children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <strong>{title}</strong>
      {children ? <div>{children}</div> : null}
    </div>
  );
}
