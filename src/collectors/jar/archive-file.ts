// One archive on this machine's disk inspected by a worker thread (jar/archive-pool.ts): the file
// is opened once and read with synchronous calls, which in a worker block nothing else. On the
// main thread the same reads went through the view's promise-based file handles (an open and a
// thread-pool round trip per range, per chunk): most of the jars' CPU on a disk of small jars.
// Any failure answers null and the caller reads the file through its view instead, which reports
// the error the way every collector does (read-safely.ts).
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { inspectArchive, type ArchiveInspection } from './archive-inspection.js';
import { mayBeReadByInspector, readByInspector } from './jar-inspector.js';
import { MIN_PARTS_BYTES, zipParts } from './zip-parts.js';

/** Hashing reads: large enough for few calls on a big jar, reused for every file this thread reads. */
const chunk = Buffer.allocUnsafe(1024 * 1024);

/** Fills `into` from the file at `offset`; the number of bytes there were (fewer at its end). */
function fill(fd: number, into: Buffer, offset: number, length: number): number {
  let filled = 0;
  while (filled < length) {
    const read = readSync(fd, into, offset + filled, length - filled, offset + filled);
    if (read === 0) break;
    filled += read;
  }
  return filled;
}

function sha1Of(fd: number): string {
  const hash = createHash('sha1');
  let position = 0;
  for (let read; (read = readSync(fd, chunk, 0, chunk.length, position)) > 0; position += read) hash.update(chunk.subarray(0, read));
  return hash.digest('hex');
}

/** The archive at `path` (a regular file, not followed through a symlink, at most `maxBytes`), or null. */
export async function inspectArchiveFile(path: string, maxBytes: number): Promise<ArchiveInspection | null> {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > maxBytes) return null;
    const size = stat.size;
    let whole = false;
    const readWhole = () => {
      whole = true;
      const bytes = Buffer.allocUnsafe(size);
      return bytes.subarray(0, fill(fd, bytes, 0, size));
    };
    const readInto = (into: Buffer, offset: number, length: number) => {
      const wanted = Math.min(length, into.length - offset);
      return fill(fd, into, offset, wanted) === wanted;
    };
    const bytes = await zipParts(size >= MIN_PARTS_BYTES ? readInto : null, size, readByInspector, readWhole, mayBeReadByInspector);
    if (bytes === null) return null;
    // Parts hold zeros between the entries read: the hash is of the file, streamed.
    return whole ? inspectArchive(bytes, path) : inspectArchive(bytes, path, sha1Of(fd));
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
