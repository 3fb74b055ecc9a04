// A minimal reader of the zip central directory (PKWARE APPNOTE.TXT 6.3.x, sections 4.3.12-4.3.16
// and 4.5.3 for ZIP64) over a buffer already in memory. Jars are read whole through the
// SystemView, so random access is free; what matters is that hostile input cannot make us
// allocate without bound: entry data is only inflated up to a caller-given cap, whatever sizes
// the headers claim, and every offset is checked against the buffer before it is used.
import { inflateRawSync } from 'node:zlib';

export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

export interface ZipEntry {
  readonly name: string;
  /** 0 = stored, 8 = deflated; anything else is refused when read. */
  readonly method: number;
  readonly compressedSize: number;
  /** As claimed by the central directory; never trusted for allocation. */
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
}

export interface ZipDirectory {
  readonly entries: readonly ZipEntry[];
  /** Bytes before the archive proper (a launch script in front of an executable Spring Boot jar). */
  readonly prefixBytes: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

function findEndOfCentralDirectory(buffer: Buffer): number {
  const lowest = Math.max(0, buffer.length - EOCD_SIZE - MAX_COMMENT);
  for (let at = buffer.length - EOCD_SIZE; at >= lowest; at--) {
    if (buffer.readUInt32LE(at) === EOCD_SIGNATURE && at + EOCD_SIZE + buffer.readUInt16LE(at + 20) <= buffer.length) return at;
  }
  throw new ZipError('not a zip archive (no end of central directory record)');
}

function readUInt64(buffer: Buffer, at: number): number {
  const value = buffer.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipError(`64-bit field at ${at} is out of range`);
  return Number(value);
}

interface DirectoryLocation {
  readonly count: number;
  readonly size: number;
  readonly offset: number;
  /** Where the directory's end record starts: the directory itself ends right before it. */
  readonly endAt: number;
}

function locateDirectory(buffer: Buffer): DirectoryLocation {
  const eocd = findEndOfCentralDirectory(buffer);
  let count = buffer.readUInt16LE(eocd + 10);
  let size = buffer.readUInt32LE(eocd + 12);
  let offset = buffer.readUInt32LE(eocd + 16);
  let endAt = eocd;
  const locator = eocd - 20;
  if (locator >= 0 && buffer.readUInt32LE(locator) === ZIP64_LOCATOR_SIGNATURE) {
    // Trust the ZIP64 record's position only relative to the locator: prefixed archives shift it.
    const record = locator - 56;
    if (record < 0 || buffer.readUInt32LE(record) !== ZIP64_EOCD_SIGNATURE) throw new ZipError('ZIP64 end of central directory record missing');
    count = readUInt64(buffer, record + 32);
    size = readUInt64(buffer, record + 40);
    offset = readUInt64(buffer, record + 48);
    endAt = record;
  }
  return { count, size, offset, endAt };
}

/** Replaces 0xFFFFFFFF sizes/offsets by their ZIP64 extra field values (APPNOTE 4.5.3). */
function applyZip64Extra(extra: Buffer, fields: { uncompressed: number; compressed: number; offset: number }): void {
  let at = 0;
  while (at + 4 <= extra.length) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    const body = at + 4;
    if (body + length > extra.length) return;
    if (id === 0x0001) {
      let cursor = body;
      const take = (): number => {
        if (cursor + 8 > body + length) throw new ZipError('ZIP64 extra field too short');
        const value = readUInt64(extra, cursor);
        cursor += 8;
        return value;
      };
      if (fields.uncompressed === 0xffffffff) fields.uncompressed = take();
      if (fields.compressed === 0xffffffff) fields.compressed = take();
      if (fields.offset === 0xffffffff) fields.offset = take();
      return;
    }
    at = body + length;
  }
}

/**
 * Decides from an entry name's raw bytes (buffer[start, end)) whether the entry is listed: a
 * reader that wants a handful of names out of a jar's thousands of classes skips the others
 * before a string or an object is made for them.
 */
export type NameFilter = (buffer: Buffer, start: number, end: number) => boolean;

/** The archive's entries (those `keep` accepts, when given), in directory order. */
export function readZipDirectory(buffer: Buffer, keep?: NameFilter): ZipDirectory {
  const location = locateDirectory(buffer);
  const start = location.endAt - location.size;
  if (start < 0) throw new ZipError('central directory size is larger than the file');
  const prefixBytes = start - location.offset;
  if (prefixBytes < 0) throw new ZipError('central directory offset points past its end record');
  const entries: ZipEntry[] = [];
  let at = start;
  for (let index = 0; index < location.count; index++) {
    if (at + 46 > location.endAt || buffer.readUInt32LE(at) !== CENTRAL_SIGNATURE) {
      throw new ZipError(`central directory entry ${index} is corrupt`);
    }
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > location.endAt) throw new ZipError(`central directory entry ${index} runs past the directory`);
    if (keep && !keep(buffer, at + 46, at + 46 + nameLength)) {
      at = next;
      continue;
    }
    const fields = {
      compressed: buffer.readUInt32LE(at + 20),
      uncompressed: buffer.readUInt32LE(at + 24),
      offset: buffer.readUInt32LE(at + 42),
    };
    applyZip64Extra(buffer.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), fields);
    entries.push({
      name: buffer.toString('utf8', at + 46, at + 46 + nameLength),
      method: buffer.readUInt16LE(at + 10),
      compressedSize: fields.compressed,
      uncompressedSize: fields.uncompressed,
      localHeaderOffset: fields.offset + prefixBytes,
    });
    at = next;
  }
  return { entries, prefixBytes };
}

/**
 * The bytes of one entry, at most `maxBytes` of them once inflated. An entry that would inflate
 * past the cap (a zip bomb, or just a huge member) throws a ZipError instead of being allocated.
 */
export function readZipEntry(buffer: Buffer, entry: ZipEntry, maxBytes: number): Buffer {
  const local = entry.localHeaderOffset;
  if (local + 30 > buffer.length || buffer.readUInt32LE(local) !== LOCAL_SIGNATURE) {
    throw new ZipError(`${entry.name}: local header missing`);
  }
  const dataStart = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > buffer.length) throw new ZipError(`${entry.name}: data runs past the end of the archive`);
  const data = buffer.subarray(dataStart, dataEnd);
  if (entry.method === 0) {
    if (data.length > maxBytes) throw new ZipError(`${entry.name}: ${data.length} bytes exceed the ${maxBytes}-byte cap`);
    return data;
  }
  if (entry.method !== 8) throw new ZipError(`${entry.name}: unsupported compression method ${entry.method}`);
  try {
    return inflateRawSync(data, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ZipError(`${entry.name}: inflates past the ${maxBytes}-byte cap (${data.length} bytes compressed; zip bomb?)`);
    }
    throw new ZipError(`${entry.name}: corrupt deflate data (${(error as Error).message})`);
  }
}
