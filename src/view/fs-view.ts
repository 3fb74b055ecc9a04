// The part of a SystemView that reads a real file tree: shared by the directory view (a root
// filesystem unpacked somewhere) and the live host view. Subclasses only say how a path inside
// the view becomes a path on this machine (`locate`); reading, bounding and error mapping live
// here once, so both views behave the same (one contract suite checks it: view.case.ts).
import { constants as fsConstants } from 'node:fs';
import { lstat, open, readdir, readlink, stat, type FileHandle } from 'node:fs/promises';
import type { Dirent, Stats } from 'node:fs';
import { sweepTree } from './sweep.js';
import {
  NotVisibleError,
  type CommandOptions,
  type CommandResult,
  type FileStat,
  type FileType,
  type ReadOptions,
  type SweepVisitor,
  type SystemView,
  type ViewKind,
  type WalkOptions,
} from './system-view.js';

/** Linux gives up after 40 symlink hops (path_resolution(7)); views do the same. */
export const MAX_SYMLINK_HOPS = 40;

/** A path whose symlinks loop (or chain past MAX_SYMLINK_HOPS). Callers turn it into a warning. */
export class SymlinkLoopError extends Error {
  constructor(readonly path: string) {
    super(`${path}: too many levels of symbolic links`);
    this.name = 'SymlinkLoopError';
  }
}

/** Where a view path lives on this machine; null when some component does not exist. */
export interface Located {
  readonly hostPath: string;
}

const READ_CHUNK = 64 * 1024;
/** First buffer of a read whose size the file does not give (every /proc file says 0). */
const FIRST_READ = 4 * 1024;
/**
 * Chunk of a streamed read (readChunked): large enough that a 70 MB jar is 70 reads rather than
 * 1,100 (each a round trip through libuv's thread pool), small enough to stay out of the heap's way.
 */
const STREAM_CHUNK = 1024 * 1024;

/**
 * Chunk buffers handed from one streamed read to the next while reads are in flight. The agent
 * hashes ~80 programs at start, four at a time: with a new buffer per read, the finished ones
 * waited for the garbage collector and the agent's array buffers reached 27 MB for a second.
 * When the last read in flight ends the spares are dropped, so an idle agent holds none.
 */
const spareChunks: Buffer[] = [];
let streamedReadsInFlight = 0;

function takeStreamChunk(): Buffer {
  streamedReadsInFlight++;
  return spareChunks.pop() ?? Buffer.allocUnsafe(STREAM_CHUNK);
}

function returnStreamChunk(chunk: Buffer): void {
  streamedReadsInFlight--;
  if (streamedReadsInFlight === 0) spareChunks.length = 0;
  else spareChunks.push(chunk);
}

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/** Missing things are answers (null), not errors: ENOENT, a file used as a directory, a name too long. */
export function isMissing(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ENAMETOOLONG' || code === 'ESRCH';
}

export function isDenied(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'EACCES' || code === 'EPERM';
}

/** Maps the errors every fs call can meet: missing → null, denied → NotVisibleError, loop → SymlinkLoopError. */
export async function guard<T>(path: string, work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch (error) {
    if (isMissing(error)) return null;
    if (isDenied(error)) throw new NotVisibleError(path, error);
    if (errorCode(error) === 'ELOOP') throw new SymlinkLoopError(path);
    throw error;
  }
}

export function fileTypeOf(stats: Stats): FileType {
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'dir';
  if (stats.isSymbolicLink()) return 'symlink';
  return 'other';
}

export function toFileStat(path: string, stats: Stats): FileStat {
  return {
    path,
    type: fileTypeOf(stats),
    size: stats.size,
    mode: stats.mode & 0o7777,
    uid: stats.uid,
    gid: stats.gid,
    mtimeMs: stats.mtimeMs,
    dev: stats.dev,
    ino: stats.ino,
    ctimeMs: stats.ctimeMs,
  };
}

/** Only absolute paths name something inside a view; anything else is a caller bug. */
export function checkViewPath(path: string): string {
  if (!path.startsWith('/')) throw new TypeError(`view paths are absolute inside the viewed system, got "${path}"`);
  if (path.includes('\0')) throw new TypeError(`view path contains a NUL byte: ${JSON.stringify(path)}`);
  return path;
}

export abstract class FsView implements SystemView {
  abstract readonly kind: ViewKind;
  abstract readonly name: string;
  abstract readonly live: boolean;
  run?(argv: readonly string[], options: CommandOptions): Promise<CommandResult>;

  /**
   * Where `path` (absolute, inside the view) lives on this machine. With `followFinal` false the
   * last component is not followed when it is a symlink. Returns null when something on the way
   * does not exist; throws NotVisibleError / SymlinkLoopError.
   */
  protected abstract locate(path: string, followFinal: boolean): Promise<Located | null>;

  /**
   * True when `locate` has already resolved every symlink, so opening refuses a symlink at the
   * last component (one swapped in after resolution). A view the kernel resolves sets false.
   */
  protected readonly resolvesSymlinks: boolean = true;

  /** The inside-the-view path of an entry found by walking from `dirPath`. */
  private join(dirPath: string, name: string): string {
    return dirPath === '/' ? `/${name}` : `${dirPath}/${name}`;
  }

  async stat(path: string): Promise<FileStat | null> {
    const located = await this.locate(checkViewPath(path), true);
    if (!located) return null;
    const stats = await guard(path, () => stat(located.hostPath));
    return stats ? toFileStat(path, stats) : null;
  }

  async lstat(path: string): Promise<FileStat | null> {
    const located = await this.locate(checkViewPath(path), false);
    if (!located) return null;
    const stats = await guard(path, () => lstat(located.hostPath));
    return stats ? toFileStat(path, stats) : null;
  }

  /**
   * Opens the regular file at `path` and hands it to `work`; null when missing or not a regular
   * file. O_NONBLOCK: opening a FIFO in a scanned tree must not hang the scan.
   */
  private async withRegularFile<T>(path: string, work: (handle: FileHandle, stats: Stats) => Promise<T>): Promise<T | null> {
    const located = await this.locate(checkViewPath(path), true);
    if (!located) return null;
    return guard(path, async () => {
      const flags = fsConstants.O_RDONLY | fsConstants.O_NONBLOCK | (this.resolvesSymlinks ? fsConstants.O_NOFOLLOW : 0);
      const handle = await open(located.hostPath, flags);
      try {
        const stats = await handle.stat();
        return stats.isFile() ? await work(handle, stats) : null;
      } finally {
        await handle.close();
      }
    });
  }

  async readFile(path: string, options: ReadOptions = {}): Promise<Buffer | null> {
    const limit = options.maxBytes ?? Number.POSITIVE_INFINITY;
    if (limit < 0 || Number.isNaN(limit)) throw new RangeError(`maxBytes must be >= 0, got ${limit}`);
    return this.withRegularFile(path, async (handle, stats) => {
      const chunks: Buffer[] = [];
      let total = 0;
      // A file that says its size is read straight into one buffer of that size (a 100 MB jar in
      // one allocation, not 1600 chunks copied together at the end)…
      const expected = Math.min(stats.size, limit);
      if (expected > READ_CHUNK) {
        const whole = Buffer.allocUnsafe(expected);
        while (total < expected) {
          const { bytesRead } = await handle.read(whole, total, expected - total, null);
          if (bytesRead === 0) break;
          total += bytesRead;
        }
        chunks.push(whole.subarray(0, total));
      }
      // …and then, like /proc files that report size 0, read until EOF: st_size is not trusted.
      // The buffer starts at the size the file gave plus room to see its end (4 KB for /proc's
      // size 0) and doubles up to READ_CHUNK, each read filling what the last left: a small file
      // costs one buffer of its size, where two 64 KB ones per read were garbage for the GC (the
      // processes collector alone made 11 MB of them per run).
      let capacity = total === 0 ? Math.max(FIRST_READ, expected + 1) : FIRST_READ;
      let buffer = Buffer.allocUnsafe(Math.min(capacity, limit - total));
      let filled = 0;
      while (total < limit) {
        if (filled === buffer.length) {
          chunks.push(buffer);
          capacity = Math.min(capacity * 2, READ_CHUNK);
          buffer = Buffer.allocUnsafe(Math.min(capacity, limit - total));
          filled = 0;
        }
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
        if (bytesRead === 0) break;
        filled += bytesRead;
        total += bytesRead;
      }
      if (filled > 0) chunks.push(buffer.subarray(0, filled));
      return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
    });
  }

  async readChunked(path: string, onChunk: (chunk: Buffer) => void): Promise<boolean> {
    const done = await this.withRegularFile(path, async (handle) => {
      const buffer = takeStreamChunk();
      try {
        for (;;) {
          const { bytesRead } = await handle.read(buffer, 0, STREAM_CHUNK, null);
          if (bytesRead === 0) return true;
          onChunk(buffer.subarray(0, bytesRead));
        }
      } finally {
        returnStreamChunk(buffer);
      }
    });
    return done === true;
  }

  async readRange(path: string, offset: number, length: number): Promise<Buffer | null> {
    if (!(offset >= 0 && length >= 0)) throw new RangeError(`readRange: offset and length must be >= 0, got ${offset}, ${length}`);
    return this.withRegularFile(path, async (handle, stats) => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, stats.size - offset)));
      let filled = 0;
      while (filled < buffer.length) {
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, offset + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return buffer.subarray(0, filled);
    });
  }

  async sweep(path: string, visitor: SweepVisitor): Promise<void> {
    const located = await this.locate(checkViewPath(path), true);
    if (!located) return;
    await sweepTree(located.hostPath, path.replace(/\/+$/, '') || '/', visitor);
  }

  async readText(path: string, options: ReadOptions = {}): Promise<string | null> {
    const bytes = await this.readFile(path, options);
    return bytes === null ? null : bytes.toString('utf8');
  }

  async readDir(path: string): Promise<string[] | null> {
    const located = await this.locate(checkViewPath(path), true);
    if (!located) return null;
    const names = await guard(path, () => readdir(located.hostPath));
    return names ? names.sort() : null;
  }

  async readLink(path: string): Promise<string | null> {
    const located = await this.locate(checkViewPath(path), false);
    if (!located) return null;
    return guard(path, async () => {
      const stats = await lstat(located.hostPath);
      return stats.isSymbolicLink() ? readlink(located.hostPath) : null;
    });
  }

  /**
   * Depth first, names sorted, symlinks reported but never followed. Entries that vanish while
   * walking (a process exiting under /proc) and directories the view may not read are skipped:
   * a walk is a best-effort listing, and callers that must know use readDir on the directory.
   */
  async *walk(path: string, options: WalkOptions = {}): AsyncIterable<FileStat> {
    const located = await this.locate(checkViewPath(path), true);
    if (!located) return;
    const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
    const start = path.replace(/\/+$/, '') || '/';
    yield* this.walkDir(start, located.hostPath, 1, maxDepth, options.skipDir, options.fileFilter);
  }

  private async *walkDir(
    viewDir: string,
    hostDir: string,
    depth: number,
    maxDepth: number,
    skipDir: ((path: string) => boolean) | undefined,
    fileFilter?: (path: string) => boolean,
  ): AsyncGenerator<FileStat> {
    if (depth > maxDepth) return;
    let entries: Dirent[];
    try {
      entries = (await readdir(hostDir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      if (isMissing(error) || isDenied(error) || errorCode(error) === 'ENOTDIR') return;
      throw error;
    }
    for (const entry of entries) {
      const name = entry.name;
      const viewPath = this.join(viewDir, name);
      // The directory entry's type spares an lstat for files the caller does not want (a file
      // system that reports no type, DT_UNKNOWN, still gets one).
      const typeKnown = entry.isFile() || entry.isSymbolicLink() || entry.isFIFO() || entry.isSocket() || entry.isBlockDevice() || entry.isCharacterDevice();
      if (fileFilter && typeKnown && !fileFilter(viewPath)) continue;
      const hostPath = hostDir === '/' ? `/${name}` : `${hostDir}/${name}`;
      let stats: Stats;
      try {
        stats = await lstat(hostPath);
      } catch (error) {
        if (isMissing(error) || isDenied(error)) continue;
        throw error;
      }
      if (stats.isDirectory()) {
        if (skipDir?.(viewPath)) continue;
        yield toFileStat(viewPath, stats);
        yield* this.walkDir(viewPath, hostPath, depth + 1, maxDepth, skipDir, fileFilter);
      } else {
        yield toFileStat(viewPath, stats);
      }
    }
  }
}

/** Splits a view path into its names, dropping empty and "." components. */
export function components(path: string): string[] {
  return path.split('/').filter((part) => part !== '' && part !== '.');
}
