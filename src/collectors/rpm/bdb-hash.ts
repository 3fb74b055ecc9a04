// The values of a Berkeley DB hash database, as older rpm (RHEL/CentOS 7 and 8, SLES 12/15 before
// ndb) keeps /var/lib/rpm/Packages: the key is the package number, the value its header blob.
// Read straight from the file's pages (Berkeley DB 5.3 dbinc/db_page.h): no library, no writes.
// A corrupt file gives a BdbError or skips the broken entry; overflow chains are bounded.
export class BdbError extends Error {}

const HASH_MAGIC = 0x061561;
const META_PAGE_TYPE = 8;
const PAGE_HEADER_BYTES = 26;
const HASH_UNSORTED = 2; // hash pages written before Berkeley DB 4.6
const HASH_SORTED = 13;
const OVERFLOW = 7;
const H_KEYDATA = 1;
const H_OFFPAGE = 3;
const VALID_PAGE_SIZES = new Set([512, 1024, 2048, 4096, 8192, 16384, 32768, 65536]);

interface Reader {
  u16(at: number): number;
  u32(at: number): number;
}

function readerFor(file: Buffer): Reader {
  // The file keeps the byte order of the machine that wrote it; the magic tells which.
  if (file.readUInt32LE(12) === HASH_MAGIC) return { u16: (at) => file.readUInt16LE(at), u32: (at) => file.readUInt32LE(at) };
  if (file.readUInt32BE(12) === HASH_MAGIC) return { u16: (at) => file.readUInt16BE(at), u32: (at) => file.readUInt32BE(at) };
  throw new BdbError('not a Berkeley DB hash database (bad magic)');
}

/** Every value stored in the hash database `file`, in page order; `onBadEntry` hears about skipped ones. */
export function* bdbHashValues(file: Buffer, onBadEntry: (message: string) => void = () => undefined): Generator<Buffer> {
  if (file.length < 512) throw new BdbError(`file of ${file.length} bytes is too short for a Berkeley DB metadata page`);
  const read = readerFor(file);
  const pageSize = read.u32(20);
  if (!VALID_PAGE_SIZES.has(pageSize)) throw new BdbError(`page size ${pageSize} is not a Berkeley DB page size`);
  if (file[25] !== META_PAGE_TYPE) throw new BdbError(`page 0 has type ${file[25]}, expected hash metadata`);
  if (file[24] !== 0) throw new BdbError('encrypted database');
  const pages = Math.floor(file.length / pageSize);

  const overflow = (first: number, total: number): Buffer => {
    const parts: Buffer[] = [];
    let length = 0;
    let pgno = first;
    const seen = new Set<number>();
    while (pgno !== 0 && length < total) {
      if (pgno >= pages || seen.has(pgno)) throw new BdbError(`overflow chain breaks at page ${pgno}`);
      seen.add(pgno);
      const base = pgno * pageSize;
      if (file[base + 25] !== OVERFLOW) throw new BdbError(`page ${pgno} is not an overflow page`);
      // On overflow pages the "free area offset" field holds the bytes used on this page.
      const used = read.u16(base + 22);
      if (used > pageSize - PAGE_HEADER_BYTES) throw new BdbError(`overflow page ${pgno} claims ${used} bytes`);
      parts.push(file.subarray(base + PAGE_HEADER_BYTES, base + PAGE_HEADER_BYTES + used));
      length += used;
      pgno = read.u32(base + 16);
    }
    if (length < total) throw new BdbError(`overflow chain from page ${first} holds ${length} of ${total} bytes`);
    return Buffer.concat(parts, length).subarray(0, total);
  };

  for (let pgno = 1; pgno < pages; pgno += 1) {
    const base = pgno * pageSize;
    const type = file[base + 25];
    if (type !== HASH_SORTED && type !== HASH_UNSORTED) continue;
    const entries = read.u16(base + 20);
    if (PAGE_HEADER_BYTES + entries * 2 > pageSize) {
      onBadEntry(`hash page ${pgno} claims ${entries} entries`);
      continue;
    }
    // Entries come in key/value pairs; each index slot is the offset of its item in the page,
    // items being laid out from the end of the page downwards.
    for (let index = 1; index < entries; index += 2) {
      const offset = read.u16(base + PAGE_HEADER_BYTES + index * 2);
      const end = read.u16(base + PAGE_HEADER_BYTES + (index - 1) * 2);
      if (offset < PAGE_HEADER_BYTES || offset >= pageSize) {
        onBadEntry(`hash page ${pgno} entry ${index} points outside the page`);
        continue;
      }
      const item = base + offset;
      try {
        if (file[item] === H_OFFPAGE) {
          yield overflow(read.u32(item + 4), read.u32(item + 8));
        } else if (file[item] === H_KEYDATA) {
          if (end <= offset || end > pageSize) throw new BdbError(`inline value on page ${pgno} has no valid end`);
          yield file.subarray(item + 1, base + end);
        }
      } catch (error) {
        if (!(error instanceof BdbError)) throw error;
        onBadEntry(error.message);
      }
    }
  }
}
