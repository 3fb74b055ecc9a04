// Keeps the server's picture of this host current: runs each fact kind's collectors on its
// schedule (or when a watched file changes), and spools what changed since the last delta.
// Kinds run one after another, so collection never takes more than one core for long; all but
// the every-minute kinds run in a short-lived child process (child-collection.ts).
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { diffFacts, digestFact } from '../../engines/inventory/fact-delta.js';
import { isListFactKind } from '../../engines/inventory/fact-identity.js';
import { INVENTORY_DELTA, INVENTORY_HOST, INVENTORY_RESOURCES } from '../../model/agent-event-types.js';
import type { FactKind } from '../../model/inventory.js';
import { collectInventory } from '../../scan/collect-inventory.js';
import type { HostView } from '../../view/host-view.js';
import { sleep } from '../backoff.js';
import type { Spool } from '../spool.js';
import { InventoryState } from './inventory-state.js';
import { collectInChild } from './child-collection.js';
import { inAgentCollectors } from './in-agent-collectors.js';
import { INVENTORY_SCHEDULE, TICK_SECONDS } from './schedule.js';

/** In the agent's data directory: what the disk collectors read from each file (file-results.ts). */
export const DISK_RESULTS_FILE = 'disk-results.json';

/** One thread reads archives beside the walk: an agent takes at most one more core, whatever the host has. */
const ARCHIVE_WORKERS = 1;

export interface InventoryLoop {
  /** Forget what was sent: every kind is collected now and sent in full. */
  resync(): void;
  done: Promise<void>;
}

export interface InventoryLoopOptions {
  /** Seconds after start before the kinds that walk the whole disk first run (their schedule's firstAfterSeconds otherwise). */
  readonly diskDelaySeconds?: number;
}

/** `view` is this host: the child process collects over this host too. */
export function startInventoryLoop(view: HostView, spool: Spool, dataDir: string, log: Logger, signal: AbortSignal, clock: () => Date, options: InventoryLoopOptions = {}): InventoryLoop {
  const state = new InventoryState(dataDir);
  const nextRun = new Map<FactKind, number>();
  const watched = new Map<string, number>();
  let wake: (() => void) | null = null;

  async function changedFiles(paths: readonly string[]): Promise<boolean> {
    let changed = false;
    for (const path of paths) {
      const mtime = (await stat(path).catch(() => null))?.mtimeMs ?? 0;
      if (watched.has(path) && watched.get(path) !== mtime) changed = true;
      watched.set(path, mtime);
    }
    return changed;
  }

  /** Collects `kind` here, in the agent (the every-minute kinds, none of which walks the disk). */
  async function collect(kind: FactKind): Promise<void> {
    const now = clock();
    const warnings: string[] = [];
    const inventory = await collectInventory(view, { now: () => now, warn: (warning) => warnings.push(warning.message) }, inAgentCollectors.filter((collector) => collector.kind === kind));
    deliver(kind, inventory as unknown as Record<string, unknown>, warnings, now);
  }

  /** Collects `kinds` in one child process (child-collection.ts); the whole-disk ones share a walk there. */
  async function collectChild(kinds: FactKind[]): Promise<void> {
    const now = clock();
    const result = await collectInChild({ kinds, resultsFile: join(dataDir, DISK_RESULTS_FILE), archiveWorkers: ARCHIVE_WORKERS, now: now.toISOString() }, signal);
    for (const message of result.warnings) log.warn(message);
    for (const [kind, { answer, warnings }] of result.kinds) deliver(kind, { [kind]: answer }, warnings, now);
  }

  /** Sends what changed in `kind` since the last delivery the server accepted. */
  function deliver(kind: FactKind, inventory: Record<string, unknown>, warnings: readonly string[], now: Date): void {
    if (warnings.length > 0) log.debug({ kind, warnings: warnings.slice(0, 20) }, 'inventory warnings');
    if (kind === 'resources') {
      if (inventory.resources) spool.append([{ type: INVENTORY_RESOURCES, time: now.toISOString(), data: inventory.resources as Record<string, unknown> }]);
      return;
    }
    if (kind === 'host') {
      // Sent only when it changed (a release upgrade, a new address): the server keeps the last one.
      if (!inventory.host) return;
      const digest = digestFact(inventory.host as Parameters<typeof digestFact>[0]);
      if (state.get('host')?.host === digest) return;
      const { accepted } = spool.append([{ type: INVENTORY_HOST, time: now.toISOString(), data: inventory.host as Record<string, unknown> }]);
      if (accepted > 0) state.set('host', { host: digest });
      return;
    }
    if (!isListFactKind(kind)) return;
    const items = (inventory[kind] as unknown[] | undefined) ?? [];
    const { delta, digests } = diffFacts(kind, state.get(kind), items as never[]);
    if (delta) {
      const { accepted } = spool.append([{ type: INVENTORY_DELTA, time: now.toISOString(), data: { ...delta } }]);
      if (accepted === 0) return; // spool full: keep the old base, so the next delta still covers this change
    }
    state.set(kind, digests);
  }

  const started = clock().getTime();
  for (const [kind, schedule] of Object.entries(INVENTORY_SCHEDULE) as [FactKind, NonNullable<(typeof INVENTORY_SCHEDULE)[FactKind]>][]) {
    if (schedule.firstAfterSeconds) nextRun.set(kind, started + (options.diskDelaySeconds ?? schedule.firstAfterSeconds) * 1000);
  }

  const done = (async () => {
    while (!signal.aborted) {
      const now = clock().getTime();
      // The kinds due in this tick that are not collected every minute run together in one child
      // process (the whole-disk ones through one walk, reading only the files changed since the
      // results kept on disk).
      const dueInChild: FactKind[] = [];
      for (const [kind, schedule] of Object.entries(INVENTORY_SCHEDULE) as [FactKind, NonNullable<(typeof INVENTORY_SCHEDULE)[FactKind]>][]) {
        if (signal.aborted) break;
        const due = now >= (nextRun.get(kind) ?? 0);
        const touched = schedule.watch ? await changedFiles(schedule.watch) : false;
        if (!due && !touched) continue;
        nextRun.set(kind, now + schedule.everySeconds * 1000);
        if (!schedule.inAgent) {
          dueInChild.push(kind);
          continue;
        }
        try {
          await collect(kind);
        } catch (error) {
          log.warn({ kind, err: (error as Error).message }, 'inventory collection failed');
        }
      }
      if (dueInChild.length > 0 && !signal.aborted) {
        try {
          await collectChild(dueInChild);
        } catch (error) {
          if (!signal.aborted) log.warn({ kinds: dueInChild, err: (error as Error).message }, 'inventory collection failed');
        }
      }
      await sleep(TICK_SECONDS * 1000, signal, (waker) => (wake = waker));
      wake = null;
    }
  })();

  return {
    resync() {
      state.clear();
      nextRun.clear();
      wake?.();
    },
    done,
  };
}
