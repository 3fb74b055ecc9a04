// A collector turns what a SystemView shows into rows of one fact kind (an osquery table,
// STYLE.md habit 1). It never throws on bad input: a broken file becomes a warning and the rest
// is still collected; something the scanner may not read becomes a "not visible" note.
import type { ScanWarning } from '../model/common.js';
import type { Fact, FactKind, NotVisible } from '../model/inventory.js';
import type { SystemView } from '../view/system-view.js';
import type { SharedDiskWalk } from './disk-walk/disk-walk.js';

/**
 * What a collector reads (STYLE.md habit 3). Over an image, only these are kept from each layer;
 * on a live or directory view they document the collector and are not enforced.
 */
export interface PathNeeds {
  /** Exact paths inside the view. */
  readonly files?: readonly string[];
  /** Every file below these directories. */
  readonly dirs?: readonly string[];
  /** Any other file it wants, decided by its path (every `*.jar`, say). */
  readonly match?: (path: string) => boolean;
}

export interface CollectContext {
  /** The scan's clock (password expiry, sampling times); never Date.now() in a collector. */
  readonly now: () => Date;
  /** The run's one walk of the disk, shared by the collectors that look for files anywhere. */
  readonly disk?: SharedDiskWalk;
}

export interface CollectorOutput<K extends FactKind> {
  readonly items: readonly Fact<K>[];
  readonly warnings: readonly ScanWarning[];
  readonly notVisible: readonly NotVisible[];
}

export interface Collector<K extends FactKind = FactKind> {
  /** Unique among collectors ("packages-dpkg"); warnings carry it as their source. */
  readonly name: string;
  readonly kind: K;
  /** Bumped whenever its rows would change for the same input (STYLE.md habit 4). */
  readonly version: number;
  /** Needs a running system (/proc, sockets): skipped and reported "not applicable" elsewhere. */
  readonly liveOnly: boolean;
  readonly needs: PathNeeds;
  collect(view: SystemView, context: CollectContext): Promise<CollectorOutput<K>>;
}

/** Builds a collector's output step by step; every collector uses it the same way. */
export class Collected<K extends FactKind> {
  readonly items: Fact<K>[] = [];
  readonly warnings: ScanWarning[] = [];
  readonly notVisible: NotVisible[] = [];

  constructor(private readonly collector: { readonly name: string; readonly kind: K }) {}

  warn(message: string, path?: string): void {
    this.warnings.push(path === undefined ? { source: this.collector.name, message } : { source: this.collector.name, path, message });
  }

  hidden(path: string, message = 'not visible to this scanner (permission denied)'): void {
    this.notVisible.push({ kind: this.collector.kind, path, message });
  }

  output(): CollectorOutput<K> {
    return { items: this.items, warnings: this.warnings, notVisible: this.notVisible };
  }
}
