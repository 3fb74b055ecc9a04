// The one idea of DESIGN.md: every analyzer reads a Linux file tree (plus /proc and commands
// where the view is a live system) through this interface, and never learns which kind of
// system it reads. Paths are always absolute paths *inside* the viewed system ("/etc/passwd");
// implementations resolve symlinks within their root and never let a path escape it.
import type { ProcFs } from './proc-fs.js';

export type ViewKind = 'host' | 'dir' | 'container' | 'image';

export type FileType = 'file' | 'dir' | 'symlink' | 'other';

export interface FileStat {
  readonly path: string;
  readonly type: FileType;
  readonly size: number;
  /** Permission bits and special bits (st_mode & 0o7777). */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtimeMs: number;
  /**
   * Where the file's inode is and when it last changed (a live or directory view's lstat): with
   * size and mtime, what tells a file rewritten in place from the one seen before (a result cache
   * keys on it; mtime alone can be set back). Views without inodes leave them out.
   */
  readonly dev?: number;
  readonly ino?: number;
  readonly ctimeMs?: number;
}

export interface ReadOptions {
  /** Read at most this many bytes; the result is cut there (see `truncated`). */
  readonly maxBytes?: number;
}

export interface WalkOptions {
  /** Do not descend deeper than this many directory levels below the start. */
  readonly maxDepth?: number;
  /** Skip a directory (and everything under it) when this returns true. */
  readonly skipDir?: (path: string) => boolean;
  /**
   * A hint for walks that want few files (every *.jar): entries other than directories whose
   * path fails it need not be stat'ed nor yielded. Views may ignore it, so callers still check.
   */
  readonly fileFilter?: (path: string) => boolean;
}

/**
 * What a sweep asks of its caller (see SystemView.sweep). Only names and the directory entry's
 * type are known when it decides, so the cheap checks come first and a stat only on request.
 */
export interface SweepVisitor {
  /** A directory met: false leaves it, and everything below it, out. */
  enterDir(path: string, name: string): boolean;
  /** Any other entry, by its name and directory-entry type: true to be handed its lstat. */
  wantStat(path: string, name: string, type: FileType): boolean;
  /** The lstat of an entry `wantStat` asked for (it may have vanished meanwhile: then not called). */
  found(stat: FileStat): void;
}

export interface CommandResult {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

export interface CommandOptions {
  readonly timeoutMs: number;
  readonly maxOutputBytes?: number;
}

/**
 * Raised when something exists but the view may not read it (EACCES: another user's /proc entry,
 * /etc/shadow without root). Analyzers turn it into a "not visible" note in their report instead
 * of an empty answer.
 */
export class NotVisibleError extends Error {
  constructor(readonly path: string, cause?: unknown) {
    super(`${path}: not visible to this scanner (permission denied)`, { cause });
    this.name = 'NotVisibleError';
  }
}

export interface SystemView {
  readonly kind: ViewKind;
  /** Human-readable name of what is viewed: "host", a directory path, an image reference. */
  readonly name: string;
  /**
   * True for a running system: /proc, sockets and processes are real. A directory or image view
   * has none of them, and collectors that need them report "not applicable".
   */
  readonly live: boolean;
  /**
   * The live host's /proc read synchronously (stat, status, cgroup, fd and exe links), where a
   * thread-pool round trip costs more than the read; only a live view has it. See proc-fs.ts.
   */
  readonly procfs?: ProcFs;

  /** Stat following symlinks (inside the view). null when the path does not exist. */
  stat(path: string): Promise<FileStat | null>;
  /** Stat without following a final symlink. */
  lstat(path: string): Promise<FileStat | null>;
  /** Whole file (or its first maxBytes). null when missing or not a regular file. */
  readFile(path: string, options?: ReadOptions): Promise<Buffer | null>;
  /**
   * Feeds a file's bytes to `onChunk` piece by piece, so a large file (a 300 MB browser binary)
   * can be digested in bounded memory; a chunk is only valid during its call (its buffer is
   * reused). false when missing or not a regular file. Optional: a
   * view that holds files in memory may leave it out, and callers fall back to readFile.
   */
  readChunked?(path: string, onChunk: (chunk: Buffer) => void): Promise<boolean>;
  /** UTF-8 text of a file; null when missing. */
  readText(path: string, options?: ReadOptions): Promise<string | null>;
  /** Names in a directory, sorted; null when missing or not a directory. */
  readDir(path: string): Promise<string[] | null>;
  /** Target of a symlink as stored; null when not a symlink. */
  readLink(path: string): Promise<string | null>;
  /** Every entry under `path` (not following symlinked directories), depth first, sorted. */
  walk(path: string, options?: WalkOptions): AsyncIterable<FileStat>;
  /**
   * Every entry under `path` in no particular order, directories listed several at a time: for
   * collectors looking for a few kinds of files across a whole disk. Symlinks are never followed.
   * Optional: a view holding its tree in memory leaves it out and callers use walk.
   */
  sweep?(path: string, visitor: SweepVisitor): Promise<void>;
  /**
   * Up to `length` bytes from `offset` (fewer at the end of the file): a section of a large binary
   * without reading the rest. null when missing or not a regular file. Optional, as readChunked.
   */
  readRange?(path: string, offset: number, length: number): Promise<Buffer | null>;
  /**
   * Run a command without a shell on a live system (baseline `c:` rules). Views that are not
   * live host views do not have it.
   */
  run?(argv: readonly string[], options: CommandOptions): Promise<CommandResult>;
}
