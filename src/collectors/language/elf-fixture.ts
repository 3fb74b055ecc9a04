// Test helper: a minimal 64-bit little-endian ELF file holding the named sections given (and the
// section-name table), laid out as the System V ABI says, so the readers of Go build information
// and cargo-auditable data are tested on the structure real programs have.
import { deflateSync } from 'node:zlib';
import { GO_BUILDINFO_MAGIC } from './go-buildinfo.js';

export function elfWithSections(sections: Readonly<Record<string, Buffer>>): Buffer {
  const names = ['', ...Object.keys(sections), '.shstrtab'];
  const nameTable = Buffer.from(`${names.join('\0')}\0`, 'latin1');
  const nameAt = (name: string) => nameTable.indexOf(Buffer.from(`${name}\0`, 'latin1'), name === '' ? 0 : 1);
  const bodies = [...Object.values(sections), nameTable];
  const header = Buffer.alloc(64);
  header.writeUInt32BE(0x7f454c46, 0);
  header[4] = 2; // 64-bit
  header[5] = 1; // little endian
  header[6] = 1;
  header.writeUInt16LE(2, 16); // ET_EXEC
  header.writeUInt16LE(62, 18); // x86-64
  let offset = 64;
  const offsets = bodies.map((body) => {
    const at = offset;
    offset += body.length;
    return at;
  });
  const tableOffset = offset;
  header.writeBigUInt64LE(BigInt(tableOffset), 0x28);
  header.writeUInt16LE(64, 0x34);
  header.writeUInt16LE(64, 0x3a);
  header.writeUInt16LE(names.length, 0x3c);
  header.writeUInt16LE(names.length - 1, 0x3e);
  const table = Buffer.alloc(64 * names.length); // entry 0 is the null section
  bodies.forEach((body, index) => {
    const at = 64 * (index + 1);
    table.writeUInt32LE(nameAt(names[index + 1] as string), at);
    table.writeUInt32LE(index === bodies.length - 1 ? 3 : 1, at + 4); // SHT_STRTAB, SHT_PROGBITS
    table.writeBigUInt64LE(BigInt(offsets[index] as number), at + 0x18);
    table.writeBigUInt64LE(BigInt(body.length), at + 0x20);
  });
  return Buffer.concat([header, ...bodies, table]);
}

function varint(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const prefix: number[] = [];
  let length = bytes.length;
  do {
    prefix.push((length & 0x7f) | (length > 0x7f ? 0x80 : 0));
    length >>= 7;
  } while (length > 0);
  return Buffer.concat([Buffer.from(prefix), bytes]);
}

/** A .go.buildinfo section as Go 1.18+ writes it (strings inline, flag bit 2), module lines between the 16-byte sentinels. */
export function goBuildInfoSection(goVersion: string, modinfoLines: readonly string[]): Buffer {
  const header = Buffer.alloc(32);
  GO_BUILDINFO_MAGIC.copy(header, 0);
  header[14] = 8; // pointer size
  header[15] = 2; // strings inline
  const sentinel = '0123456789abcdef';
  return Buffer.concat([header, varint(goVersion), varint(`${sentinel}${modinfoLines.join('\n')}\n${sentinel}`)]);
}

/** A .dep-v0 section as cargo-auditable writes it. */
export function cargoAuditableSection(packages: readonly Record<string, unknown>[]): Buffer {
  return deflateSync(Buffer.from(JSON.stringify({ packages })));
}
