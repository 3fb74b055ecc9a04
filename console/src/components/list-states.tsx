// What a filtered list shows besides its rows: the load error with Retry, a spinner until the first
// page, and for an empty page either "Clear filters" or (unfiltered) what would fill the list.
import type { ReactNode } from 'react';
import type { ApiResource } from '../api/use-api.js';
import { EmptyState, ErrorBanner, Spinner } from './feedback.js';

export function ListStates({ resource, loadingLabel, filtered, filteredTitle, emptyTitle, onClearFilters, children }: {
  readonly resource: ApiResource<{ readonly items: readonly unknown[] }>;
  readonly loadingLabel: string;
  readonly filtered: boolean;
  readonly filteredTitle: string;
  readonly emptyTitle: string;
  readonly onClearFilters: () => void;
  /** Shown under an empty unfiltered list. */
  readonly children?: ReactNode;
}) {
  const { data, error, loading, reload } = resource;
  return (
    <>
      {error ? <ErrorBanner error={error} onRetry={reload} /> : null}
      {loading && !data ? <Spinner label={loadingLabel} /> : null}
      {data && data.items.length === 0 ? (
        <EmptyState title={filtered ? filteredTitle : emptyTitle}>
          {filtered ? (
            <button type="button" className="button button-link" onClick={onClearFilters}>
              Clear filters
            </button>
          ) : (
            children
          )}
        </EmptyState>
      ) : null}
    </>
  );
}
