// Java archives on this machine inspected in worker threads (jar/archive-file.ts): reading,
// hashing and unzipping a thousand jars was seconds of main-thread CPU, which then also held up
// every other collector of the run. A worker opens the file itself (no bytes cross threads) and
// answers with the whole inspection, or null on any failure, so the caller reads that file through
// its view instead and reports the error as before. Only a live host's paths are this machine's,
// so only the host view uses the pool. Workers end with the pool, not held between agent ticks.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ArchiveInspection } from './archive-inspection.js';

/** Workers for this machine: one per core but one (the main thread walks and runs the other collectors), at least one. */
export function archiveWorkerCount(): number {
  return Math.max(1, availableParallelism() - 1);
}

/**
 * From the built tree the worker is a .js file beside this one. From the TypeScript sources (tests,
 * benchmarks, a checkout run through tsx) it is a .ts file the worker can only load with tsx's
 * loader registered in its own thread, which an eval'd bootstrap does first.
 */
function startWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./archive-worker.js', here));
  const entry = new URL('./archive-worker.ts', here).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
}

interface Slot {
  readonly worker: Worker;
  busy: number;
  readonly waiting: Map<number, (inspection: ArchiveInspection | null) => void>;
}

export class ArchivePool {
  private readonly slots: Slot[] = [];
  private started = 0;
  private nextId = 0;
  private closed = false;

  constructor(readonly size = archiveWorkerCount()) {}

  /** A worker to take one more archive: a new one while fewer than `size` were started, else the least busy; none when all have died. */
  private slot(): Slot | null {
    if (this.started < this.size) {
      this.started++;
      const slot: Slot = { worker: startWorker(), busy: 0, waiting: new Map() };
      slot.worker.on('message', ({ id, inspection }: { id: number; inspection: ArchiveInspection | null }) => {
        slot.busy--;
        slot.waiting.get(id)?.(inspection);
        slot.waiting.delete(id);
      });
      // A worker that fails or dies answers null for what it held (read on the main thread then)
      // and takes no more.
      slot.worker.on('error', () => undefined);
      slot.worker.on('exit', () => {
        this.slots.splice(this.slots.indexOf(slot), 1);
        for (const resolve of slot.waiting.values()) resolve(null);
        slot.waiting.clear();
      });
      this.slots.push(slot);
      return slot;
    }
    return this.slots.reduce<Slot | null>((least, slot) => (least === null || slot.busy < least.busy ? slot : least), null);
  }

  /** The archive's inspection, or null when a worker could not read it (or none is left). */
  inspect(path: string, maxBytes: number): Promise<ArchiveInspection | null> {
    const slot = this.closed ? null : this.slot();
    if (!slot) return Promise.resolve(null);
    const id = this.nextId++;
    slot.busy++;
    return new Promise((resolve) => {
      slot.waiting.set(id, resolve);
      slot.worker.postMessage({ id, path, maxBytes });
    });
  }

  /** Ends the workers; archives still waiting are answered null. */
  async close(): Promise<void> {
    this.closed = true;
    const slots = [...this.slots];
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
    for (const slot of slots) for (const resolve of slot.waiting.values()) resolve(null);
  }
}
