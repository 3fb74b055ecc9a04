// What the agent last spooled of each fact kind, as digests per key: the base of the next delta.
// Cleared by a resync order so every kind is sent in full again.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Digests } from '../../engines/inventory/fact-delta.js';

export class InventoryState {
  private readonly path: string;
  private digests: Record<string, Digests>;

  constructor(dataDir: string) {
    this.path = join(dataDir, 'inventory-state.json');
    this.digests = {};
    if (existsSync(this.path)) {
      try {
        this.digests = JSON.parse(readFileSync(this.path, 'utf8')) as Record<string, Digests>;
      } catch {
        // A damaged state file only costs a full resend.
        this.digests = {};
      }
    }
  }

  get(kind: string): Digests | null {
    return this.digests[kind] ?? null;
  }

  set(kind: string, digests: Digests): void {
    this.digests[kind] = digests;
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.digests), { mode: 0o600 });
    renameSync(temporary, this.path);
  }

  clear(): void {
    this.digests = {};
    writeFileSync(this.path, '{}', { mode: 0o600 });
  }
}
