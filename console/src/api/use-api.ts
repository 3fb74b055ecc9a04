// Loads one API resource for a component: keeps the last good data while reloading (so a refresh
// does not blank the page), cancels requests for a path the component no longer shows, and can
// poll so statuses such as "online" stay current without a manual reload.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiRequestError } from './client.js';

export interface ApiResource<T> {
  readonly data: T | undefined;
  readonly error: ApiRequestError | undefined;
  /** True until the first answer for the current path. */
  readonly loading: boolean;
  reload(): void;
}

function asApiError(error: unknown): ApiRequestError {
  return error instanceof ApiRequestError ? error : new ApiRequestError(0, 'client', (error as Error).message);
}

export function useApi<T>(path: string | null, options: { pollMs?: number } = {}): ApiResource<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiRequestError>();
  const [loadedPath, setLoadedPath] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const pathRef = useRef(path);
  pathRef.current = path;

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    api.get<T>(path, controller.signal).then(
      (answer) => {
        setData(answer);
        setError(undefined);
        setLoadedPath(path);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(asApiError(failure));
        setLoadedPath(path);
      },
    );
    return () => controller.abort();
  }, [path, generation]);

  const pollMs = options.pollMs;
  useEffect(() => {
    if (!pollMs || path === null) return;
    const timer = window.setInterval(() => {
      // A hidden tab need not keep the server busy.
      if (document.visibilityState === 'visible') reload();
    }, pollMs);
    return () => window.clearInterval(timer);
  }, [pollMs, path, reload]);

  return { data, error, loading: path !== null && loadedPath !== path, reload };
}
