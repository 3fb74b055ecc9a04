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
import { readZipDirectory } from './zip-reader.js';

/** The end record and its longest comment: where the directory is, and how long, is read from it. */
const END_BYTES = 64 * 1024 + 22;
const END_SIGNATURE = 0x06054b50;
/** Smaller archives are read whole: a few small reads would cost as much. */
export const MIN_PARTS_BYTES = 256 * 1024;
/** A local header's fixed part and its longest name and extra field. */
const LOCAL_HEADER_MAX = 30 + 0xffff + 0xffff;
/** Ranges closer than this are read as one (fewer system calls for many small pom.properties). */
const MERGE_GAP = 64 * 1024;

type RangedView = SystemView & Required<Pick<SystemView, 'readRange'>>;

async function copyRange(view: RangedView, path: string, into: Buffer, offset: number, length: number): Promise<boolean> {
  const start = Math.max(0, offset);
  const bytes = await view.readRange(path, start, Math.min(length, into.length - start));
  if (!bytes) return false;
  bytes.copy(into, start);
  return true;
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
 * `readWhole` when the view cannot read ranges, the archive is small, or the parts do not add up.
 */
export async function zipParts(view: SystemView, path: string, size: number, wanted: (name: string) => boolean, readWhole: () => Promise<Buffer | null>): Promise<Buffer | null> {
  if (!view.readRange || size < MIN_PARTS_BYTES) return readWhole();
  const ranged = view as RangedView;
  const sparse = Buffer.alloc(size);
  try {
    const tailStart = Math.max(0, size - END_BYTES);
    if (!(await copyRange(ranged, path, sparse, tailStart, END_BYTES))) return readWhole();
    const start = directoryStart(sparse, tailStart);
    if (start === null) return readWhole();
    // A directory longer than the tail (thousands of entries) is read in full before the tail.
    if (start < tailStart && !(await copyRange(ranged, path, sparse, start, tailStart - start))) return readWhole();
    const ranges = readZipDirectory(sparse)
      .entries.filter((entry) => wanted(entry.name))
      .map((entry) => ({ start: entry.localHeaderOffset, end: entry.localHeaderOffset + LOCAL_HEADER_MAX + entry.compressedSize }));
    for (const range of merged(ranges)) {
      if (!(await copyRange(ranged, path, sparse, range.start, range.end - range.start))) return readWhole();
    }
    return sparse;
  } catch {
    return readWhole();
  }
}
