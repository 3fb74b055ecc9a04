// A streaming tar reader (POSIX ustar, pax "x" records, GNU long names: the formats Docker,
// BuildKit and Go's archive/tar write). It keeps one header in memory at a time, reports each
// entry's data offset (so an outer archive can be indexed for random access) and drains what
// follows the end marker, so digest checks placed upstream still see every byte.
import { ImageError } from './image-error.js';

export type TarEntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';

export interface TarHeader {
  /** The name as stored (not normalised; see tar-path.ts). */
  readonly name: string;
  readonly type: TarEntryType;
  readonly size: number;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtimeMs: number;
  readonly linkName: string;
}

export interface TarEntry {
  readonly header: TarHeader;
  /** Byte offset of the entry's data in the (uncompressed) tar stream. */
  readonly offset: number;
  /** The entry's data; whatever the consumer does not read is skipped. */
  body(): AsyncGenerator<Buffer>;
}

export interface TarReadOptions {
  /** Names the archive in errors: "layer sha256:…". */
  readonly where: string;
  readonly maxHeaderBytes: number;
  readonly maxEntries: number;
}

const BLOCK = 512;
/** Linux PATH_MAX: no real file has a longer name, and the merged tree keeps every name. */
const MAX_NAME_BYTES = 4096;

class ByteReader {
  private readonly pending: Buffer[] = [];
  private pendingBytes = 0;
  private done = false;
  position = 0;

  constructor(
    private readonly source: AsyncIterator<Buffer>,
    private readonly where: string,
  ) {}

  private async fill(wanted: number): Promise<void> {
    while (this.pendingBytes < wanted && !this.done) {
      const next = await this.source.next();
      if (next.done) this.done = true;
      else if (next.value.length > 0) {
        this.pending.push(next.value);
        this.pendingBytes += next.value.length;
      }
    }
  }

  /** Exactly `count` bytes; null at a clean end of input; throws when the input stops midway. */
  async exact(count: number): Promise<Buffer | null> {
    await this.fill(count);
    if (this.pendingBytes === 0 && this.done) return null;
    if (this.pendingBytes < count) throw this.truncated();
    const whole = this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending);
    const result = whole.subarray(0, count);
    this.pending.length = 0;
    this.pendingBytes = whole.length - count;
    if (this.pendingBytes > 0) this.pending.push(whole.subarray(count));
    this.position += count;
    return result;
  }

  /** Yields `count` bytes in the pieces they arrived in. */
  async *take(count: number): AsyncGenerator<Buffer> {
    let remaining = count;
    while (remaining > 0) {
      if (this.pendingBytes === 0) {
        await this.fill(1);
        if (this.pendingBytes === 0) throw this.truncated();
      }
      const head = this.pending[0] as Buffer;
      const piece = head.length <= remaining ? head : head.subarray(0, remaining);
      if (piece === head) this.pending.shift();
      else this.pending[0] = head.subarray(remaining);
      this.pendingBytes -= piece.length;
      this.position += piece.length;
      remaining -= piece.length;
      yield piece;
    }
  }

  async skip(count: number): Promise<void> {
    for await (const _piece of this.take(count));
  }

  async drain(): Promise<void> {
    this.pending.length = 0;
    this.pendingBytes = 0;
    while (!this.done) {
      const next = await this.source.next();
      if (next.done) this.done = true;
    }
  }

  truncated(): ImageError {
    return new ImageError('bad-archive', this.where, `tar data ends early at byte ${this.position + this.pendingBytes} (truncated archive)`);
  }
}

function text(block: Buffer, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString('utf8');
}

function numeric(block: Buffer, start: number, length: number, where: string, field: string): number {
  const bytes = block.subarray(start, start + length);
  if (((bytes[0] ?? 0) & 0x80) !== 0) {
    // GNU base-256 for values that do not fit in octal (files over 8 GiB).
    let value = (bytes[0] ?? 0) & 0x7f;
    for (let index = 1; index < bytes.length; index += 1) value = value * 256 + (bytes[index] ?? 0);
    if (!Number.isSafeInteger(value)) throw new ImageError('bad-archive', where, `tar ${field} field out of range`);
    return value;
  }
  const digits = bytes.toString('latin1').replace(/[\0 ]+$/g, '').trim();
  if (digits === '') return 0;
  if (!/^[0-7]+$/.test(digits)) throw new ImageError('bad-archive', where, `tar ${field} field "${digits.slice(0, 20)}" is not octal`);
  return parseInt(digits, 8);
}

function checksumOk(block: Buffer, stored: number): boolean {
  let sum = 0;
  for (let index = 0; index < BLOCK; index += 1) sum += index >= 148 && index < 156 ? 0x20 : (block[index] ?? 0);
  return sum === stored;
}

function typeOf(flag: string): TarEntryType | 'pax' | 'global-pax' | 'gnu-long-name' | 'gnu-long-link' {
  switch (flag) {
    case '0': case '\0': case '7': case '': return 'file';
    case '1': return 'hardlink';
    case '2': return 'symlink';
    case '5': return 'dir';
    case 'x': return 'pax';
    case 'g': return 'global-pax';
    case 'L': return 'gnu-long-name';
    case 'K': return 'gnu-long-link';
    default: return 'other';
  }
}

/** PAX records: "<length> <key>=<value>\n" repeated (POSIX pax, "pax Extended Header"). */
function parsePax(data: Buffer, where: string): Map<string, string> {
  const records = new Map<string, string>();
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    const length = space === -1 ? NaN : Number(data.subarray(offset, space).toString('latin1'));
    if (!Number.isInteger(length) || length <= 0 || offset + length > data.length) {
      throw new ImageError('bad-archive', where, `malformed pax record at byte ${offset} of an extended header`);
    }
    const record = data.subarray(space + 1, offset + length - 1).toString('utf8');
    const equals = record.indexOf('=');
    if (equals > 0) records.set(record.slice(0, equals), record.slice(equals + 1));
    offset += length;
  }
  return records;
}

export async function* readTar(chunks: AsyncIterable<Buffer>, options: TarReadOptions): AsyncGenerator<TarEntry> {
  const { where } = options;
  const reader = new ByteReader(chunks[Symbol.asyncIterator](), where);
  let pax = new Map<string, string>();
  let longName: string | undefined;
  let longLink: string | undefined;
  let entries = 0;
  for (;;) {
    const headerOffset = reader.position;
    const block = await reader.exact(BLOCK);
    if (block === null || block.every((byte) => byte === 0)) break;
    let stored = -1;
    try {
      stored = numeric(block, 148, 8, where, 'checksum');
    } catch {
      // reported below as a bad header: a non-octal checksum means this is not a tar header
    }
    if (!checksumOk(block, stored)) throw new ImageError('bad-archive', where, `invalid tar header at byte ${headerOffset} (checksum mismatch): not a tar archive or corrupt`);
    const flag = String.fromCharCode(block[156] ?? 0);
    const kind = typeOf(flag);
    let size = numeric(block, 124, 12, where, 'size');
    if (kind === 'pax' || kind === 'global-pax' || kind === 'gnu-long-name' || kind === 'gnu-long-link') {
      if (size > options.maxHeaderBytes) throw new ImageError('too-large', where, `tar extended header of ${size} bytes at byte ${headerOffset} (limit ${options.maxHeaderBytes})`);
      const data = (await reader.exact(size)) ?? Buffer.alloc(0);
      if (data.length < size) throw reader.truncated();
      await reader.skip((BLOCK - (size % BLOCK)) % BLOCK);
      if (kind === 'pax') pax = parsePax(data, where);
      else if (kind === 'gnu-long-name') longName = text(data, 0, data.length);
      else if (kind === 'gnu-long-link') longLink = text(data, 0, data.length);
      continue;
    }
    entries += 1;
    if (entries > options.maxEntries) throw new ImageError('too-large', where, `more than ${options.maxEntries} tar entries (limit)`);
    const magic = block.subarray(257, 263).toString('latin1');
    const prefix = magic === 'ustar\0' ? text(block, 345, 155) : '';
    const baseName = text(block, 0, 100);
    const paxSize = pax.get('size');
    if (paxSize !== undefined && /^\d+$/.test(paxSize)) size = Number(paxSize);
    const header: TarHeader = {
      name: pax.get('path') ?? longName ?? (prefix ? `${prefix}/${baseName}` : baseName),
      type: kind,
      size: kind === 'file' ? size : 0,
      mode: numeric(block, 100, 8, where, 'mode') & 0o7777,
      uid: Number(pax.get('uid') ?? numeric(block, 108, 8, where, 'uid')),
      gid: Number(pax.get('gid') ?? numeric(block, 116, 8, where, 'gid')),
      mtimeMs: Math.round(Number(pax.get('mtime') ?? numeric(block, 136, 12, where, 'mtime')) * 1000),
      linkName: pax.get('linkpath') ?? longLink ?? text(block, 157, 100),
    };
    if (header.name.length > MAX_NAME_BYTES || header.linkName.length > MAX_NAME_BYTES) {
      throw new ImageError('bad-archive', where, `entry at byte ${headerOffset} has a name or link target over ${MAX_NAME_BYTES} bytes (PATH_MAX)`);
    }
    pax = new Map();
    longName = undefined;
    longLink = undefined;
    // Hard links and symlinks may carry a size field but no data (POSIX); other types keep theirs.
    const dataSize = kind === 'hardlink' || kind === 'symlink' || kind === 'dir' ? 0 : size;
    let remaining = dataSize;
    const offset = reader.position;
    yield {
      header,
      offset,
      async *body() {
        for await (const piece of reader.take(remaining)) {
          remaining -= piece.length;
          yield piece;
        }
      },
    };
    await reader.skip(remaining);
    await reader.skip((BLOCK - (dataSize % BLOCK)) % BLOCK);
  }
  await reader.drain();
}
