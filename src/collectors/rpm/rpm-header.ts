// Reads the few tags Palisade needs out of an RPM header blob as rpmdb stores it: an index
// count and data length (big-endian int32 each), index entries of {tag, type, offset, count},
// then the data store (RPM file format, "Header structure"). Every offset is checked against
// the blob, so a corrupt row gives an error naming the tag, never a read past the end.
export const TAG = {
  name: 1000,
  version: 1001,
  release: 1002,
  epoch: 1003,
  arch: 1022,
  sourceRpm: 1044,
} as const;

const TYPE_INT32 = 4;
const TYPE_STRING = 6;
const TYPE_STRING_ARRAY = 8;
const TYPE_I18NSTRING = 9;
const ENTRY_BYTES = 16;
const MAX_ENTRIES = 0xffff;

export class RpmHeaderError extends Error {}

export interface RpmHeader {
  string(tag: number): string | null;
  int32(tag: number): number | null;
}

export function parseRpmHeader(blob: Uint8Array): RpmHeader {
  const bytes = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (bytes.length < 8) throw new RpmHeaderError(`header of ${bytes.length} bytes is too short`);
  const count = bytes.readUInt32BE(0);
  const dataLength = bytes.readUInt32BE(4);
  if (count > MAX_ENTRIES) throw new RpmHeaderError(`header claims ${count} index entries`);
  const dataStart = 8 + count * ENTRY_BYTES;
  if (dataStart + dataLength > bytes.length) {
    throw new RpmHeaderError(`header claims ${count} entries and ${dataLength} data bytes, blob has ${bytes.length}`);
  }
  const entries = new Map<number, { type: number; offset: number; count: number }>();
  for (let i = 0; i < count; i += 1) {
    const at = 8 + i * ENTRY_BYTES;
    entries.set(bytes.readUInt32BE(at), { type: bytes.readUInt32BE(at + 4), offset: bytes.readUInt32BE(at + 8), count: bytes.readUInt32BE(at + 12) });
  }
  const data = bytes.subarray(dataStart, dataStart + dataLength);

  return {
    string(tag) {
      const entry = entries.get(tag);
      if (!entry) return null;
      if (entry.type !== TYPE_STRING && entry.type !== TYPE_I18NSTRING && entry.type !== TYPE_STRING_ARRAY) {
        throw new RpmHeaderError(`tag ${tag} has type ${entry.type}, expected a string`);
      }
      const end = data.indexOf(0, entry.offset);
      if (entry.offset >= data.length || end < 0) throw new RpmHeaderError(`tag ${tag} points outside the header data`);
      return data.toString('utf8', entry.offset, end);
    },
    int32(tag) {
      const entry = entries.get(tag);
      if (!entry) return null;
      if (entry.type !== TYPE_INT32) throw new RpmHeaderError(`tag ${tag} has type ${entry.type}, expected int32`);
      if (entry.offset + 4 > data.length) throw new RpmHeaderError(`tag ${tag} points outside the header data`);
      return data.readInt32BE(entry.offset);
    },
  };
}

/** "openssl-3.0.7-27.el9.src.rpm" → name "openssl", version "3.0.7-27.el9". */
export function parseSourceRpm(file: string): { name: string; version: string } | null {
  const match = /^(.+)-([^-]+)-([^-]+)\.(?:no)?src\.rpm$/.exec(file);
  if (!match) return null;
  return { name: match[1] as string, version: `${match[2]}-${match[3]}` };
}
