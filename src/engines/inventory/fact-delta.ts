// Inventory travels as deltas against the last state sent (DESIGN.md "Data flow"): what was
// added, what changed, which keys disappeared. The sender keeps only a digest per key, so its
// memory stays small however large the inventory is.
import { createHash } from 'node:crypto';
import type { Fact } from '../../model/inventory.js';
import { factKey } from './fact-identity.js';
import type { ListFactKind } from './fact-identity.js';

export type Digests = Readonly<Record<string, string>>;

export interface FactDelta<K extends ListFactKind = ListFactKind> {
  readonly kind: K;
  /** A full snapshot replaces everything the server holds for this kind. */
  readonly full: boolean;
  readonly upserted: readonly Fact<K>[];
  readonly removed: readonly string[];
}

/** Stable digest of a row: keys sorted, so field order never makes a change. */
export function digestFact(item: unknown): string {
  return createHash('sha1').update(stableJson(item)).digest('base64url');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${stableJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The delta from `previous` (null: nothing sent yet, or a resync) to `items`, and the digests to
 * remember once the delta is safely spooled. Null when nothing changed.
 */
export function diffFacts<K extends ListFactKind>(kind: K, previous: Digests | null, items: readonly Fact<K>[]): { delta: FactDelta<K> | null; digests: Digests } {
  const digests: Record<string, string> = {};
  const upserted: Fact<K>[] = [];
  for (const item of items) {
    const key = factKey(kind, item);
    const digest = digestFact(item);
    // Two rows with one key (a collector reporting a thing twice): the last one wins, as on the server.
    if (digests[key] !== undefined) {
      const index = upserted.findIndex((candidate) => factKey(kind, candidate) === key);
      if (index >= 0) upserted.splice(index, 1);
    }
    digests[key] = digest;
    if (previous === null || previous[key] !== digest) upserted.push(item);
  }
  if (previous === null) return { delta: { kind, full: true, upserted, removed: [] }, digests };
  const removed = Object.keys(previous).filter((key) => digests[key] === undefined);
  if (upserted.length === 0 && removed.length === 0) return { delta: null, digests };
  return { delta: { kind, full: false, upserted, removed }, digests };
}
