// A list's table: named for screen readers and tests, and scrolling sideways inside its panel on a
// narrow screen. `head` is the header row's cells, the children its body rows.
import type { ReactNode } from 'react';

export function ListTable({ label, head, children }: { readonly label: string; readonly head: ReactNode; readonly children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label={label}>
        <thead>
          <tr>{head}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
