// Every Java archive the walk found, read once for the run and shared by the jars and
// webFrameworks collectors (jar/archive-inspection.ts). On a live host worker threads read them
// (jar/archive-pool.ts); elsewhere, and for any file a worker could not read, the view does, in
// bounded memory: the SHA-1 streamed, only the directory and the entries read held. Failures are
// recorded per archive and replayed by each collector into its own output. An agent's results
// kept from its last tick (file-results.ts) spare the read of every archive unchanged since.
import { createHash } from 'node:crypto';
import type { FileStat, SystemView } from '../../view/system-view.js';
import { inspectArchive, type ArchiveInspection } from '../jar/archive-inspection.js';
import { ArchivePool, archiveWorkerCount } from '../jar/archive-pool.js';
import { mayBeReadByInspector, readByInspector } from '../jar/jar-inspector.js';
import { viewRanges, zipParts } from '../jar/zip-parts.js';
import { readBytesSafely, readSafely } from '../read-safely.js';
import { RecordedNotes } from '../recorded-notes.js';
import type { FileResults } from './file-results.js';

/** Larger archives are listed in a warning and not read (nested jars are inflated into memory). */
export const MAX_ARCHIVE_BYTES = 256 * 1024 * 1024;
/** Archives read at once through the view: few, as each may hold a fat jar's nested jars in memory. */
const VIEW_READS_IN_FLIGHT = 3;
/** Archives handed to each worker at once (see the constructor). */
const QUEUED_PER_WORKER = 32;
/** Where an agent keeps each archive's inspection between ticks; bump when ArchiveInspection changes. */
const RESULTS = 'archives@1';

export interface ArchiveRead {
  /** Null when the archive could not be read at all (the notes say why). */
  readonly inspection: ArchiveInspection | null;
  readonly notes: RecordedNotes;
}

/** One archive read through the view: whole when small or the view has no ranged reads, else in parts beside a streamed hash. */
async function readThroughView(view: SystemView, entry: FileStat, notes: RecordedNotes): Promise<ArchiveInspection | null> {
  let whole = false;
  const readWhole = () => {
    whole = true;
    return readBytesSafely(view, entry.path, notes, MAX_ARCHIVE_BYTES);
  };
  const parts = await zipParts(view.readChunked ? viewRanges(view, entry.path) : null, entry.size, readByInspector, readWhole, mayBeReadByInspector);
  if (parts === null) return null;
  if (whole) return inspectArchive(parts, entry.path);
  const hash = createHash('sha1');
  const streamed = await readSafely(notes, entry.path, () => view.readChunked!(entry.path, (chunk) => hash.update(chunk)));
  return streamed ? inspectArchive(parts, entry.path, hash.digest('hex')) : null;
}

/**
 * Reads archives as they are handed over, a few at a time: the walk hands each over the moment it
 * finds it, so workers read jars while the walk goes on through the rest of the disk.
 */
export class ArchiveReader {
  private readonly reads = new Map<string, Promise<ArchiveRead>>();
  private readonly queue: (() => void)[] = [];
  private running = 0;
  private pool: ArchivePool | null = null;
  private readonly limit: number;

  /** `workers`: threads reading a live host's archives (0: on the main thread, through the view). */
  constructor(
    private readonly view: SystemView,
    private readonly kept: FileResults | undefined,
    private readonly workers = archiveWorkerCount(),
  ) {
    // A worker reads one archive at a time and queues the rest (only their paths), so many may be
    // handed to it: its answers are taken in only between the walk's slices, and with few queued
    // it would sit idle meanwhile (two per worker: 1.8-1.9 s for this machine's inventory; 32: 1.4-1.5 s, as unbounded).
    this.limit = this.usesWorkers() ? workers * QUEUED_PER_WORKER : VIEW_READS_IN_FLIGHT;
  }

  /** Only a live host's paths are this machine's for a worker to open. */
  private usesWorkers(): boolean {
    return this.view.kind === 'host' && this.workers > 0;
  }

  add(entry: FileStat): void {
    if (this.reads.has(entry.path)) return;
    this.reads.set(
      entry.path,
      this.turn().then(async () => {
        try {
          return await this.read(entry);
        } finally {
          this.done();
        }
      }),
    );
  }

  /** Resolves when this read may start: at once while fewer than `limit` run, else when one ends. */
  private turn(): Promise<void> {
    // Counted here, not when the promise settles: adds made in one go (the walk hands over
    // archives synchronously) must see each other, or all of them would start at once.
    if (this.running < this.limit) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.queue.push(resolve));
  }

  /** A read ended: its place goes to the next one waiting, if any. */
  private done(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.running--;
  }

  private async read(entry: FileStat): Promise<ArchiveRead> {
    const notes = new RecordedNotes();
    if (entry.size > MAX_ARCHIVE_BYTES) {
      notes.warn(`${entry.size} bytes: larger than ${MAX_ARCHIVE_BYTES}, not read`, entry.path);
      return { inspection: null, notes };
    }
    const kept = this.kept?.get<ArchiveInspection>(RESULTS, entry);
    if (kept) {
      this.kept?.set(RESULTS, entry, kept);
      return { inspection: kept, notes };
    }
    if (this.usesWorkers()) this.pool ??= new ArchivePool(this.workers);
    const inspection = (await this.pool?.inspect(entry.path, MAX_ARCHIVE_BYTES)) ?? (await readThroughView(this.view, entry, notes));
    if (inspection) this.kept?.set(RESULTS, entry, inspection);
    return { inspection, notes };
  }

  /** Every archive handed over, read, by path; the workers end here. */
  async results(): Promise<Map<string, ArchiveRead>> {
    try {
      const reads = new Map<string, ArchiveRead>();
      for (const [path, read] of this.reads) reads.set(path, await read);
      return reads;
    } finally {
      await this.pool?.close();
      this.pool = null;
    }
  }
}
