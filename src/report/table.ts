// Plain-text tables for `--format table`: people read them in a terminal, so columns are padded
// to their widest cell, long cells are cut with an ellipsis, and an empty list says so.
export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => string | number | boolean | null | undefined;
  /** Widest a cell may be before it is cut. */
  readonly max?: number;
}

const DEFAULT_MAX = 60;

function cell(value: string | number | boolean | null | undefined, max: number): string {
  const text = value === null || value === undefined || value === '' ? '-' : String(value).replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A titled table: "Title (N)" then the header and one line per row. */
export function formatTable<T>(title: string, columns: readonly Column<T>[], rows: readonly T[]): string {
  if (rows.length === 0) return `${title}: none\n`;
  const cells = rows.map((row) => columns.map((column) => cell(column.value(row), column.max ?? DEFAULT_MAX)));
  const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map((line) => (line[i] ?? '').length)));
  const line = (parts: readonly string[]) => `  ${parts.map((part, i) => part.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd();
  return [`${title} (${rows.length})`, line(columns.map((column) => column.header.toUpperCase())), ...cells.map(line)].join('\n') + '\n';
}

/** "key: value" lines for one object (the host section). */
export function formatFields(title: string, fields: readonly [string, string | number | null | undefined][]): string {
  const width = Math.max(...fields.map(([key]) => key.length));
  return [title, ...fields.map(([key, value]) => `  ${key.padEnd(width)}  ${cell(value, 200)}`)].join('\n') + '\n';
}
