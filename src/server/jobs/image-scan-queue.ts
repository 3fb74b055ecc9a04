// The image scan queue's workers: at most `concurrency` scans run in this server at once (a scan
// streams whole layers through decompression and rule engines, so one or two is what a control
// plane can spare). Queued rows are the queue, so a restart or another replica loses nothing.
import { claimNextScan, requeueInterrupted } from '../store/image-scans.js';
import { runImageScan, type ImageScanDeps } from './image-scan-run.js';

export class ImageScanQueue {
  private running = 0;
  private stopped = false;
  private readonly workers = new Set<Promise<void>>();
  private readonly idleWaiters: (() => void)[] = [];

  constructor(
    private readonly deps: ImageScanDeps,
    private readonly concurrency: number,
  ) {}

  /** Queues scans a previous run of the server left running, then starts work. */
  async start(): Promise<void> {
    const requeued = await requeueInterrupted(this.deps.db, this.deps.clock().toISOString());
    if (requeued > 0) this.deps.log.info({ requeued }, 'image scans interrupted by a restart queued again');
    this.kick();
  }

  /** New scans were queued: start workers up to the limit. */
  kick(): void {
    while (!this.stopped && this.running < this.concurrency) {
      this.running += 1;
      const worker = this.work().finally(() => {
        this.running -= 1;
        this.workers.delete(worker);
        if (this.running === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
      });
      this.workers.add(worker);
    }
  }

  /** Resolves when no worker is busy (what "scan now, then read the result" waits on). */
  idle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async work(): Promise<void> {
    while (!this.stopped) {
      let scan;
      try {
        scan = await claimNextScan(this.deps.db, this.deps.clock().toISOString());
      } catch (error) {
        this.deps.log.error({ err: error }, 'image scan queue cannot be read');
        return;
      }
      if (!scan) return;
      try {
        await runImageScan(this.deps, scan);
      } catch (error) {
        // The store failed under the scan (its own failures are recorded on it): next scan.
        this.deps.log.error({ scanId: scan.id, err: error }, 'image scan could not be recorded');
      }
    }
  }

  /** Takes no new scans and waits for those under way (before the store closes). */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.workers]);
  }
}
