// Follows one log file the way `tail -F` should: across rotation by rename (the old file is read
// to its end before the new one is opened) and by copytruncate (the bytes written between the
// last read and the truncation are read back from the rotated copy), remembering its position
// in a small state file so a restart neither loses nor repeats lines. A file that shrinks for any
// other reason is read again from its start, with a warning.
import { createHash } from 'node:crypto';
import { open, readdir, readFile, rename, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DEFAULT_MAX_LINE_BYTES, LineSplitter, type SplitItem } from '../../engines/login/line-splitter.js';

/** What the state file holds: enough to find the same bytes again after a restart. */
interface Position {
  readonly version: 1;
  readonly path: string;
  readonly dev: number;
  readonly ino: number;
  /** Bytes consumed up to the end of the last whole line. */
  readonly offset: number;
  /** Number the next line gets. */
  readonly line: number;
  /** Hash of the file's first bytes (up to HEAD_BYTES), to recognise it after a rename or truncation. */
  readonly head: string;
  readonly headBytes: number;
}

const HEAD_BYTES = 256;
const READ_CHUNK = 1 << 20;

export interface LogFollowerOptions {
  readonly path: string;
  readonly statePath: string;
  readonly maxLineBytes?: number;
  /** Where rotation warnings go (the agent logs them; tests collect them). */
  readonly warn?: (message: string) => void;
}

export type LineHandler = (items: readonly SplitItem[]) => void | Promise<void>;

interface Current {
  handle: FileHandle;
  dev: number;
  ino: number;
  offset: number;
  head: string;
  headBytes: number;
}

function hashOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function headOf(handle: FileHandle, bytes: number): Promise<{ head: string; headBytes: number }> {
  const buffer = Buffer.alloc(bytes);
  const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
  return { head: hashOf(buffer.subarray(0, bytesRead)), headBytes: bytesRead };
}

export class LogFollower {
  private current: Current | null = null;
  private splitter: LineSplitter;
  private readonly maxLineBytes: number;
  private readonly warn: (message: string) => void;
  private restored = false;
  private unreadable = false;
  private lastSaved = '';

  constructor(private readonly options: LogFollowerOptions) {
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.splitter = new LineSplitter(this.maxLineBytes);
    this.warn = options.warn ?? (() => {});
  }

  /** Reads whatever is new, hands it to `handle`, then saves the position. */
  async poll(handle: LineHandler): Promise<number> {
    const items: SplitItem[] = [];
    try {
      if (!this.restored) {
        this.restored = true;
        await this.restore(items);
      }
      await this.follow(items);
    } catch (error) {
      // A read error mid-way (EIO, a file replaced under us): hand over what was read, keep the
      // position it reached, and try again next poll rather than stopping the watcher.
      this.warn(`${this.options.path}: read failed (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); will retry`);
    }
    if (items.length > 0) await handle(items);
    await this.save();
    return items.length;
  }

  async close(): Promise<void> {
    await this.current?.handle.close();
    this.current = null;
  }

  private async restore(items: SplitItem[]): Promise<void> {
    let saved: Position | null = null;
    try {
      const parsed = JSON.parse(await readFile(this.options.statePath, 'utf8')) as Partial<Position>;
      if (parsed.version === 1 && parsed.path === this.options.path && typeof parsed.offset === 'number' && typeof parsed.line === 'number') {
        saved = parsed as Position;
      } else {
        this.warn(`${this.options.statePath}: state is for another file or version; starting ${this.options.path} from its beginning`);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.warn(`${this.options.statePath}: unreadable state (${(error as Error).message}); starting from the beginning`);
    }
    if (!saved) return;
    // The file we were reading: still at the path, or renamed beside it while we were down.
    const atPath = await stat(this.options.path).catch(() => null);
    if (atPath && atPath.ino === saved.ino && atPath.dev === saved.dev) {
      const handle = await open(this.options.path, 'r');
      const { head, headBytes } = await headOf(handle, Math.min(saved.headBytes, HEAD_BYTES));
      if (head === saved.head && atPath.size >= saved.offset) {
        this.current = { handle, dev: saved.dev, ino: saved.ino, offset: saved.offset, head: saved.head, headBytes: saved.headBytes };
        this.splitter = new LineSplitter(this.maxLineBytes, saved.line);
        return;
      }
      await handle.close();
      this.warn(`${this.options.path}: truncated or rewritten while the agent was down (${headBytes} head bytes differ); reading it from the start`);
      return;
    }
    const rotated = await this.findRotated(saved.dev, saved.ino);
    if (rotated) {
      const handle = await open(rotated, 'r');
      this.current = { handle, dev: saved.dev, ino: saved.ino, offset: saved.offset, head: saved.head, headBytes: saved.headBytes };
      this.splitter = new LineSplitter(this.maxLineBytes, saved.line);
      await this.drain(items);
      await this.retire(items);
      return;
    }
    this.warn(`${this.options.path}: the file last read (inode ${saved.ino}) is gone; lines written to it after offset ${saved.offset} are lost`);
  }

  /** A file beside the log with the given inode (logrotate's name.1, name-20261127…). */
  private async findRotated(dev: number, ino: number): Promise<string | null> {
    const dir = dirname(this.options.path);
    const base = basename(this.options.path);
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      if (name === base || !name.startsWith(base)) continue;
      const info = await stat(join(dir, name)).catch(() => null);
      if (info && info.ino === ino && info.dev === dev) return join(dir, name);
    }
    return null;
  }

  /** A rotated copy whose first bytes are ours (copytruncate leaves the copy beside the file). */
  private async findCopy(current: Current): Promise<string | null> {
    const dir = dirname(this.options.path);
    const base = basename(this.options.path);
    const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => name !== base && name.startsWith(base) && !name.endsWith('.gz'));
    for (const name of names) {
      const path = join(dir, name);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile() || info.size < current.offset) continue;
      const handle = await open(path, 'r');
      try {
        const { head } = await headOf(handle, current.headBytes);
        if (head === current.head) return path;
      } finally {
        await handle.close();
      }
    }
    return null;
  }

  private async follow(items: SplitItem[]): Promise<void> {
    const atPath = await stat(this.options.path).catch(() => null);
    if (!this.current) {
      if (!atPath) return;
      if (!(await this.openPath())) return;
    }
    const current = this.current as Current;
    if (atPath && (atPath.ino !== current.ino || atPath.dev !== current.dev)) {
      // Rotated by rename: finish the old file (its handle still reads it), then switch.
      await this.drain(items);
      await this.retire(items);
      if (await this.openPath()) await this.drain(items);
      return;
    }
    const info = await current.handle.stat();
    const { head } = await headOf(current.handle, current.headBytes);
    if (info.size < current.offset || head !== current.head) {
      await this.truncated(current, info.size, items);
    }
    await this.drain(items);
  }

  private async truncated(current: Current, size: number, items: SplitItem[]): Promise<void> {
    const copy = await this.findCopy(current);
    if (copy) {
      // copytruncate: what was written after our last read is in the copy.
      const handle = await open(copy, 'r');
      const old = current.handle;
      current.handle = handle;
      await this.drain(items);
      current.handle = old;
      await handle.close();
      for (const item of this.splitter.cut()) items.push(item);
    } else {
      this.warn(`${this.options.path}: shrank from ${current.offset} to ${size} bytes with no rotated copy found; reading it again from the start`);
      for (const item of this.splitter.cut()) items.push(item);
    }
    current.offset = 0;
    current.head = hashOf(new Uint8Array(0));
    current.headBytes = 0;
    this.splitter = new LineSplitter(this.maxLineBytes);
  }

  /** Opens the file at the path from its start; an unreadable file is a warning, tried again next poll. */
  private async openPath(): Promise<boolean> {
    try {
      const handle = await open(this.options.path, 'r');
      const info = await handle.stat();
      if (!info.isFile()) {
        await handle.close();
        throw Object.assign(new Error('not a regular file'), { code: 'not a regular file' });
      }
      this.current = { handle, dev: info.dev, ino: info.ino, offset: 0, head: hashOf(new Uint8Array(0)), headBytes: 0 };
      this.splitter = new LineSplitter(this.maxLineBytes);
      this.unreadable = false;
      return true;
    } catch (error) {
      if (!this.unreadable) this.warn(`${this.options.path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); skipped until it can`);
      this.unreadable = true;
      return false;
    }
  }

  private async retire(items: SplitItem[]): Promise<void> {
    for (const item of this.splitter.cut()) items.push(item);
    await this.current?.handle.close();
    this.current = null;
  }

  /** Reads from the offset to the current end; the offset stops at the last whole line. */
  private async drain(items: SplitItem[]): Promise<void> {
    const current = this.current;
    if (!current) return;
    const buffer = Buffer.alloc(READ_CHUNK);
    let position = current.offset + this.splitter.heldBytes;
    for (;;) {
      const { bytesRead } = await current.handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      for (const item of this.splitter.push(buffer.subarray(0, bytesRead))) items.push(item);
      position += bytesRead;
      current.offset = position - this.splitter.heldBytes;
    }
    if (current.headBytes < HEAD_BYTES && current.offset > current.headBytes) {
      const { head, headBytes } = await headOf(current.handle, Math.min(HEAD_BYTES, current.offset));
      current.head = head;
      current.headBytes = headBytes;
    }
  }

  private async save(): Promise<void> {
    const current = this.current;
    if (!current) return;
    const position: Position = {
      version: 1, path: this.options.path, dev: current.dev, ino: current.ino,
      offset: current.offset, line: this.splitter.nextLine, head: current.head, headBytes: current.headBytes,
    };
    const text = JSON.stringify(position);
    if (text === this.lastSaved) return; // an idle log costs no disk writes
    const temporary = `${this.options.statePath}.tmp`;
    await writeFile(temporary, text);
    await rename(temporary, this.options.statePath);
    this.lastSaved = text;
  }
}
