// The count tiles at the top of a list ("All", then each status or severity with its count); each
// tile is also the filter for its value, pressed while it is the one shown.
export interface SummaryTile<T extends string> {
  readonly value: T | undefined;
  readonly label: string;
  /** summary-<tone> in the stylesheet: neutral, ok, warn, danger, muted, info. */
  readonly tone: string;
}

export function SummaryTiles<T extends string>({ label, tiles, counts, selected, onSelect, testIdOf }: { readonly label: string; readonly tiles: readonly SummaryTile<T>[]; readonly counts: readonly (number | undefined)[]; readonly selected: T | undefined; readonly onSelect: (value: T | undefined) => void; readonly testIdOf?: (value: T | undefined) => string }) {
  return (
    <div className="summary-row" role="group" aria-label={label}>
      {tiles.map((tile, index) => (
        <button
          key={tile.label}
          type="button"
          className={`summary-card summary-${tile.tone}${selected === tile.value ? ' selected' : ''}`}
          aria-pressed={selected === tile.value}
          data-testid={testIdOf?.(tile.value)}
          onClick={() => onSelect(tile.value)}
        >
          <span className="summary-label">{tile.label}</span>
          <span className="summary-value">{counts[index] ?? '–'}</span>
        </button>
      ))}
    </div>
  );
}
