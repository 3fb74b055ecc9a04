// The last cell of a rule table's row: the row's own buttons (`children`, e.g. Edit or Apply), then
// the one that removes it, asked twice in place (ConfirmButton). Pages show it only to those who may
// change the rules, so the permission check stays beside the column's header.
import type { ReactNode } from 'react';
import { ConfirmButton } from './confirm-button.js';

export function RowActions({ onDelete, label = 'Delete', confirmLabel = 'Confirm delete', busyLabel = 'Deleting…', children }: {
  readonly onDelete: () => Promise<void>;
  /** The removing button's words: before, when asked to confirm, while the request runs. */
  readonly label?: string;
  readonly confirmLabel?: string;
  readonly busyLabel?: string;
  readonly children?: ReactNode;
}) {
  return (
    <td className="cell-actions">
      {children}
      <ConfirmButton label={label} confirmLabel={confirmLabel} busyLabel={busyLabel} onConfirm={onDelete} />
    </td>
  );
}
