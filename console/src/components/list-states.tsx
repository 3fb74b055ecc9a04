// What a list shows besides its rows: the load error with Retry, a spinner until the first page,
// and for an empty page what would fill the list or, when filters hide every row, "Clear filters".
import type { ReactNode } from 'react';
import type { ApiResource } from '../api/use-api.js';
import { EmptyState, ErrorBanner, Spinner } from './feedback.js';

export function ListStates({ resource, loadingLabel, emptyTitle, filtered = false, filteredTitle = emptyTitle, onClearFilters, children }: {
  readonly resource: ApiResource<{ readonly items: readonly unknown[] }>;
  readonly loadingLabel: string;
  readonly emptyTitle: string;
  /** A list with filters: whether any is set, the empty title then, and how to clear them. */
  readonly filtered?: boolean;
  readonly filteredTitle?: string;
  readonly onClearFilters?: () => void;
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
          {filtered && onClearFilters ? (
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
