// SHA-1 of files on this machine computed in worker threads: hashing was the largest part of the
// jars' CPU (about a third, most of a gigabyte of archives on a server), and on the main thread
// it waited behind, and held up, the reading and inflating of the other jars. Workers read the
// file themselves (no chunk crosses threads) and answer with the hex digest, or null on any
// failure, so the caller reads through its view instead and reports the error as before. Only a
// live host's paths are this machine's, so only the host view uses the pool. One worker per core
// but one (the main thread keeps inspecting); workers end with the pool, not held between ticks.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** Plain CommonJS, run with eval: the same in the tsx tree and the bundle, with no file to find. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { closeSync, constants, fstatSync, openSync, readSync } = require('node:fs');
const buffer = Buffer.allocUnsafe(1024 * 1024);
parentPort.on('message', ({ id, path }) => {
  let fd = -1;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    if (!fstatSync(fd).isFile()) throw new Error('not a regular file');
    const hash = createHash('sha1');
    for (let read; (read = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) hash.update(buffer.subarray(0, read));
    parentPort.postMessage({ id, sha1: hash.digest('hex') });
  } catch {
    parentPort.postMessage({ id, sha1: null });
  } finally {
    if (fd >= 0) closeSync(fd);
  }
});
`;

/** Workers for this machine: all cores but the main thread's, and at least one. */
export function hashWorkerCount(): number {
  return Math.max(1, availableParallelism() - 1);
}

export class HashPool {
  private readonly workers: { worker: Worker; busy: number }[] = [];
  private readonly waiting = new Map<number, (sha1: string | null) => void>();
  /** Which worker holds each file in flight, so a worker that dies answers for its own. */
  private readonly owner = new Map<number, { worker: Worker; busy: number }>();
  private nextId = 0;

  constructor(private readonly size = hashWorkerCount()) {}

  private leastBusy(): { worker: Worker; busy: number } {
    if (this.workers.length < this.size) {
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      const slot = { worker, busy: 0 };
      worker.on('message', ({ id, sha1 }: { id: number; sha1: string | null }) => {
        slot.busy--;
        this.waiting.get(id)?.(sha1);
        this.waiting.delete(id);
      });
      // A worker that dies answers null for what it held: those files are hashed on the main thread.
      worker.on('error', () => undefined);
      worker.on('exit', () => {
        for (const [id, resolve] of this.waiting) if (this.owner.get(id) === slot) resolve(null);
      });
      this.workers.push(slot);
      return slot;
    }
    return this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
  }

  /** The file's SHA-1 in hex, or null when a worker could not read it whole. */
  sha1(path: string): Promise<string | null> {
    const slot = this.leastBusy();
    const id = this.nextId++;
    slot.busy++;
    this.owner.set(id, slot);
    return new Promise((resolve) => {
      this.waiting.set(id, (sha1) => {
        this.owner.delete(id);
        resolve(sha1);
      });
      slot.worker.postMessage({ id, path });
    });
  }

  /** Ends the workers; files still waiting are answered null. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((slot) => slot.worker.terminate()));
    for (const resolve of this.waiting.values()) resolve(null);
    this.waiting.clear();
    this.workers.length = 0;
  }
}
