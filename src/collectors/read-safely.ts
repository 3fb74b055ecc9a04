// Reads for collectors that turn every failure into the collector's own output: permission
// errors become "not visible" notes, loops and other errors become warnings naming the path.
// A collector calls these and never needs a try/catch of its own.
import { SymlinkLoopError } from '../view/fs-view.js';
import { NotVisibleError, type FileStat, type SystemView } from '../view/system-view.js';

/** Where a read's failures go: a collector's output (Collected), or a recording of them (RecordedNotes). */
export interface ReadNotes {
  warn(message: string, path?: string): void;
  hidden(path: string, message?: string): void;
}

/** Cap for one text file a collector parses (dpkg status of a large server is a few MB). */
export const MAX_TEXT_BYTES = 32 * 1024 * 1024;

async function safely<T>(out: ReadNotes, path: string, read: () => Promise<T | null>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof NotVisibleError) out.hidden(path);
    else if (error instanceof SymlinkLoopError) out.warn('symlink loop: skipped', path);
    else out.warn(`cannot read: ${error instanceof Error ? error.message : String(error)}`, path);
    return null;
  }
}

/** Any read of `path` with its failures turned into the collector's notes and warnings; null then. */
export const readSafely = safely;

/**
 * Text of a file, or null when it is missing or unreadable (then noted). Text with NUL bytes is
 * binary garbage where text was expected: warned and refused, so no parser sees it.
 */
export async function readTextSafely(
  view: SystemView,
  path: string,
  out: ReadNotes,
  maxBytes = MAX_TEXT_BYTES,
): Promise<string | null> {
  const bytes = await safely(out, path, () => view.readFile(path, { maxBytes: maxBytes + 1 }));
  if (bytes === null) return null;
  if (bytes.length > maxBytes) {
    out.warn(`larger than ${maxBytes} bytes: only the start was read`, path);
  }
  const text = bytes.subarray(0, maxBytes);
  if (text.includes(0)) {
    out.warn('binary content where text was expected: skipped', path);
    return null;
  }
  return text.toString('utf8');
}

export async function readBytesSafely(view: SystemView, path: string, out: ReadNotes, maxBytes: number): Promise<Buffer | null> {
  const bytes = await safely(out, path, () => view.readFile(path, { maxBytes: maxBytes + 1 }));
  if (bytes !== null && bytes.length > maxBytes) {
    out.warn(`larger than ${maxBytes} bytes: skipped`, path);
    return null;
  }
  return bytes;
}

/** The first `maxBytes` of a file, for formats read from their start (sparse lastlog). */
export function readHeadSafely(view: SystemView, path: string, out: ReadNotes, maxBytes: number): Promise<Buffer | null> {
  return safely(out, path, () => view.readFile(path, { maxBytes }));
}

export function readDirSafely(view: SystemView, path: string, out: ReadNotes): Promise<string[] | null> {
  return safely(out, path, () => view.readDir(path));
}

export function readLinkSafely(view: SystemView, path: string, out: ReadNotes): Promise<string | null> {
  return safely(out, path, () => view.readLink(path));
}

export function statSafely(view: SystemView, path: string, out: ReadNotes): Promise<FileStat | null> {
  return safely(out, path, () => view.stat(path));
}

/** Keeps a file that emits thousands of bad lines from flooding the report. */
export const MAX_WARNINGS_PER_FILE = 5;
