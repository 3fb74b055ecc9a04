// The package headers of rpm's "ndb" database, SUSE's Packages.db (openSUSE Leap / SLES 15 SP3
// and later), read straight from the file's bytes as rpm's lib/backend/ndb/rpmpkg.c lays them out:
// a 32-byte file header ("RpmP", version 0, generation, slot page count), then 4096-byte slot
// pages of 16-byte slots ("Slot", package index, first block, block count), then blobs in
// 16-byte blocks: head ("BlbS", package index, generation, length), the header blob, zero
// padding, tail (adler32 of everything before it, length, "BlbE"). All numbers little-endian.
// Every length is checked against the file before use: a broken slot or blob is reported and
// skipped, and nothing is allocated from a length the file claims.
export class NdbError extends Error {}

const FILE_MAGIC = 0x506d7052; // "RpmP"
const SLOT_MAGIC = 0x746f6c53; // "Slot"
const BLOB_HEAD_MAGIC = 0x53626c42; // "BlbS"
const BLOB_TAIL_MAGIC = 0x45626c42; // "BlbE"
// Sizes in bytes of the file's parts.
const BYTES = { fileHeader: 32, slotPage: 4096, slot: 16, block: 16, blobHead: 16, blobTail: 12 } as const;

export interface NdbPackage {
  /** rpm's package number (what `rpm -q --qf '%{DBINSTANCE}'` prints). */
  readonly pkgidx: number;
  readonly blob: Buffer;
}

/** RFC 1950's checksum; sums are reduced every 3800 bytes, well before 32-bit overflow. */
export function adler32(bytes: Uint8Array, start: number, end: number): number {
  let a = 1;
  let b = 0;
  for (let at = start; at < end; ) {
    const stop = Math.min(end, at + 3800);
    for (; at < stop; at += 1) {
      a += bytes[at] as number;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function blobAt(file: Buffer, pkgidx: number, firstBlock: number, blocks: number): Buffer {
  const start = firstBlock * BYTES.block;
  const end = start + blocks * BYTES.block;
  if (end - start < BYTES.blobHead + BYTES.blobTail) throw new NdbError(`package ${pkgidx}: ${blocks} blocks cannot hold a blob`);
  if (file.readUInt32LE(start) !== BLOB_HEAD_MAGIC) throw new NdbError(`package ${pkgidx}: no blob at block ${firstBlock}`);
  const owner = file.readUInt32LE(start + 4);
  if (owner !== pkgidx) throw new NdbError(`package ${pkgidx}: blob at block ${firstBlock} belongs to package ${owner}`);
  const length = file.readUInt32LE(start + 12);
  // The slot's block count is the one rpm derived from this length; a mismatch means one is wrong.
  if (Math.ceil((BYTES.blobHead + length + BYTES.blobTail) / BYTES.block) !== blocks) {
    throw new NdbError(`package ${pkgidx}: blob claims ${length} bytes, its slot ${blocks} blocks`);
  }
  const tail = end - BYTES.blobTail;
  if (file.readUInt32LE(tail + 8) !== BLOB_TAIL_MAGIC || file.readUInt32LE(tail + 4) !== length) {
    throw new NdbError(`package ${pkgidx}: blob tail at block ${firstBlock} is damaged`);
  }
  const stored = file.readUInt32LE(tail);
  const computed = adler32(file, start, tail);
  if (stored !== computed) throw new NdbError(`package ${pkgidx}: blob checksum mismatch (stored ${stored.toString(16)}, computed ${computed.toString(16)})`);
  return file.subarray(start + BYTES.blobHead, start + BYTES.blobHead + length);
}

/**
 * Every package header blob in the ndb Packages.db `file`, in slot order. A file that is not ndb
 * at all throws NdbError; a damaged slot or blob is skipped and told to `onBadEntry`.
 */
export function* ndbPackages(file: Buffer, onBadEntry: (message: string) => void = () => undefined): Generator<NdbPackage> {
  if (file.length < BYTES.fileHeader) throw new NdbError(`file of ${file.length} bytes is too short for an ndb header`);
  if (file.readUInt32LE(0) !== FILE_MAGIC) throw new NdbError('not an rpm ndb database (bad magic)');
  const version = file.readUInt32LE(4);
  if (version !== 0) throw new NdbError(`ndb version ${version}, only version 0 is known`);
  const slotPages = file.readUInt32LE(12);
  if (slotPages === 0) throw new NdbError('header claims no slot pages');
  // Blobs start after the slot pages; a file cut inside them still has its first slots.
  const pagesPresent = Math.min(slotPages, Math.floor(file.length / BYTES.slotPage));
  if (pagesPresent < slotPages) onBadEntry(`header claims ${slotPages} slot pages, the file holds ${pagesPresent}`);
  const firstBlobBlock = (slotPages * BYTES.slotPage) / BYTES.block;
  const fileBlocks = Math.floor(file.length / BYTES.block);
  const seen = new Set<number>();

  for (let page = 0; page < pagesPresent; page += 1) {
    // The file header takes the place of page 0's first slots.
    for (let at = page === 0 ? BYTES.fileHeader : 0; at < BYTES.slotPage; at += BYTES.slot) {
      const slot = page * BYTES.slotPage + at;
      const slotNumber = slot / BYTES.slot;
      if (file.readUInt32LE(slot) !== SLOT_MAGIC) {
        onBadEntry(`slot ${slotNumber} is damaged (no slot magic)`);
        continue;
      }
      const pkgidx = file.readUInt32LE(slot + 4);
      const firstBlock = file.readUInt32LE(slot + 8);
      const blocks = file.readUInt32LE(slot + 12);
      if (firstBlock === 0) continue; // a free slot
      try {
        if (pkgidx === 0 || blocks === 0 || firstBlock < firstBlobBlock) throw new NdbError(`slot ${slotNumber} is damaged (package ${pkgidx}, block ${firstBlock}, ${blocks} blocks)`);
        if (firstBlock + blocks > fileBlocks) throw new NdbError(`package ${pkgidx}: blob ends past the end of the file (truncated?)`);
        if (seen.has(pkgidx)) throw new NdbError(`package ${pkgidx} has a second slot (${slotNumber})`);
        const blob = blobAt(file, pkgidx, firstBlock, blocks);
        seen.add(pkgidx);
        yield { pkgidx, blob };
      } catch (error) {
        if (!(error instanceof NdbError)) throw error;
        onBadEntry(error.message);
      }
    }
  }
}
