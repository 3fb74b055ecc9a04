// "1–50 of 312" with previous/next, for the API's limit/offset pages.

/** The list offset a URL's `offset` parameter asks for: a whole number above 0, else the first page. */
export function parseOffset(value: string | null): number {
  const offset = Number(value);
  return Number.isInteger(offset) && offset > 0 ? offset : 0;
}

export function Pager({ offset, limit, total, onOffset }: { readonly offset: number; readonly limit: number; readonly total: number; readonly onOffset: (offset: number) => void }) {
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, total);
  return (
    <div className="pager">
      <span className="pager-range">
        {first}–{last} of {total}
      </span>
      <button type="button" className="button button-small" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))}>
        ‹ Previous
      </button>
      <button type="button" className="button button-small" disabled={offset + limit >= total} onClick={() => onOffset(offset + limit)}>
        Next ›
      </button>
    </div>
  );
}
