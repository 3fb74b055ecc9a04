// A zip archive read in the parts a reader needs, not whole: its central directory sits at the end
// and the entries wanted (a manifest, pom.properties, nested jars) are byte ranges found there.
// They are read into a zero-filled buffer of the archive's size, whose untouched pages the kernel
// never allocates, so the zip reader works on it unchanged and a 70 MB shaded jar costs a few
// pages. A directory that cannot be found this way, or any surprise, falls back to reading the
// whole file, so the answer is always the one a whole read gives.
// Measured limit: below glibc's mmap threshold (which rises up to 32 MiB as large blocks are
// freed) calloc clears every byte, so a jar of a few megabytes read in parts is still resident
// whole for a while. Asking for more than 32 MiB each time (always fresh mapped pages) cut the
// disk tick's added peak from 102 to 66 MB here but doubled the jars' CPU (V8 counts the full
// size as external memory and collects far more often). Tried next: up to four reused buffers
// (power-of-two sizes up to 8 MiB) cleared only where filled: the disk tick's peak over four
// interleaved runs was no lower (median 210 MB against 209 without, old code 192; runs spread
// by 20 to 90 MB on this shared machine), as a kept buffer is resident whole once calloc'd, so
// it was taken out. The peak is more likely the fat jars whose nested jars are read and inflated.
import type { SystemView } from '../../view/system-view.js';
import { readZipDirectory, type NameFilter } from './zip-reader.js';

/** The end record and its longest comment: where the directory is, and how long, is read from it. */
const END_BYTES = 64 * 1024 + 22;
const END_SIGNATURE = 0x06054b50;
/** Smaller archives are read whole: a few small reads would cost as much. */
export const MIN_PARTS_BYTES = 256 * 1024;
/** A local header's fixed part and its longest name and extra field. */
const LOCAL_HEADER_MAX = 30 + 0xffff + 0xffff;
/** Ranges closer than this are read as one (fewer system calls for many small pom.properties). */
const MERGE_GAP = 64 * 1024;

/**
 * Copies the archive's bytes from `offset` (at most `length`, never past `into`'s end) into
 * `into` at the same offset; false when they could not be read. Synchronous in a worker that
 * holds the file open (jar/archive-file.ts), a view's ranged reads elsewhere.
 */
export type ReadInto = (into: Buffer, offset: number, length: number) => boolean | Promise<boolean>;

/** Ranges of `path` read through the view, each a read of its own; null when the view has no ranged reads. */
export function viewRanges(view: SystemView, path: string): ReadInto | null {
  const { readRange } = view;
  if (!readRange) return null;
  return async (into, offset, length) => {
    const bytes = await readRange.call(view, path, offset, Math.min(length, into.length - offset));
    if (!bytes) return false;
    bytes.copy(into, offset);
    return true;
  };
}

/** Where the central directory starts, from the last end record in the file's tail (APPNOTE 4.3.16); null when none. */
function directoryStart(sparse: Buffer, tailStart: number): number | null {
  for (let at = sparse.length - 22; at >= tailStart; at--) {
    if (sparse.readUInt32LE(at) === END_SIGNATURE) return at - sparse.readUInt32LE(at + 12);
  }
  return null;
}

/** Byte ranges sorted and merged where they touch or nearly do. */
function merged(ranges: { start: number; end: number }[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const range of ranges.sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last && range.start <= last.end + MERGE_GAP) last.end = Math.max(last.end, range.end);
    else out.push({ ...range });
  }
  return out;
}

/**
 * The archive's bytes where its directory and the entries `wanted` names are, zeros elsewhere;
 * `readWhole` when there are no ranged reads, the archive is small, or the parts do not add up.
 * `keep`, when given, passes over the names `wanted` surely refuses without decoding them.
 */
export async function zipParts(
  readInto: ReadInto | null,
  size: number,
  wanted: (name: string) => boolean,
  readWhole: () => Promise<Buffer | null> | Buffer | null,
  keep?: NameFilter,
): Promise<Buffer | null> {
  if (!readInto || size < MIN_PARTS_BYTES) return readWhole();
  const sparse = Buffer.alloc(size);
  const copy = (start: number, length: number) => readInto(sparse, Math.max(0, start), length);
  try {
    const tailStart = Math.max(0, size - END_BYTES);
    if (!(await copy(tailStart, END_BYTES))) return readWhole();
    const start = directoryStart(sparse, tailStart);
    if (start === null) return readWhole();
    // A directory longer than the tail (thousands of entries) is read in full before the tail.
    if (start < tailStart && !(await copy(start, tailStart - start))) return readWhole();
    const ranges = readZipDirectory(sparse, keep)
      .entries.filter((entry) => wanted(entry.name))
      .map((entry) => ({ start: entry.localHeaderOffset, end: entry.localHeaderOffset + LOCAL_HEADER_MAX + entry.compressedSize }));
    for (const range of merged(ranges)) {
      if (!(await copy(range.start, range.end - range.start))) return readWhole();
    }
    return sparse;
  } catch {
    return readWhole();
  }
}
