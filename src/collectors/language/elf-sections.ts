// Named sections of an ELF file (the System V ABI's section header table), read with a few small
// reads at offsets rather than the whole binary: a Go program is tens of megabytes and its build
// information a few hundred bytes. Anything out of bounds means "not an ELF file we can read".

/** Reads `length` bytes at `offset` (fewer at the end of the file). */
export type RangeReader = (offset: number, length: number) => Promise<Buffer | null>;

export interface ElfSection {
  readonly name: string;
  readonly offset: number;
  readonly size: number;
}

const MAX_SECTIONS = 4096;
const MAX_NAMES_BYTES = 1024 * 1024;

export function isElf(head: Buffer): boolean {
  return head.length >= 64 && head.readUInt32BE(0) === 0x7f454c46;
}

/** The sections of the ELF file whose first 64 bytes are `head`; null when its headers are not sound. */
export async function elfSections(head: Buffer, read: RangeReader): Promise<ElfSection[] | null> {
  if (!isElf(head)) return null;
  const is64 = head[4] === 2;
  const little = head[5] === 1;
  const u16 = (b: Buffer, at: number) => (little ? b.readUInt16LE(at) : b.readUInt16BE(at));
  const u32 = (b: Buffer, at: number) => (little ? b.readUInt32LE(at) : b.readUInt32BE(at));
  const uword = (b: Buffer, at: number) => (is64 ? Number(little ? b.readBigUInt64LE(at) : b.readBigUInt64BE(at)) : u32(b, at));
  const tableOffset = uword(head, is64 ? 0x28 : 0x20);
  const entrySize = u16(head, is64 ? 0x3a : 0x2e);
  const count = u16(head, is64 ? 0x3c : 0x30);
  const namesIndex = u16(head, is64 ? 0x3e : 0x32);
  if (tableOffset === 0 || count === 0 || count > MAX_SECTIONS || entrySize < (is64 ? 64 : 40) || namesIndex >= count) return null;
  const table = await read(tableOffset, count * entrySize);
  if (!table || table.length < count * entrySize) return null;
  const raw = Array.from({ length: count }, (_, index) => {
    const at = index * entrySize;
    return { nameAt: u32(table, at), offset: uword(table, at + (is64 ? 0x18 : 0x10)), size: uword(table, at + (is64 ? 0x20 : 0x14)) };
  });
  const namesSection = raw[namesIndex];
  if (!namesSection || namesSection.size > MAX_NAMES_BYTES) return null;
  const names = await read(namesSection.offset, namesSection.size);
  if (!names) return null;
  return raw.map((section) => {
    const end = names.indexOf(0, section.nameAt);
    return { name: section.nameAt < names.length ? names.toString('latin1', section.nameAt, end < 0 ? names.length : end) : '', offset: section.offset, size: section.size };
  });
}
