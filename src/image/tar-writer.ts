// Writes small tar archives in memory (ustar, with a pax record for long names): image layers
// and archives built by tests and by the writers of image-writer.ts. It writes names exactly as
// given, hostile ones included, which is what the readers' tests need.
export interface TarInput {
  readonly name: string;
  readonly type?: 'file' | 'dir' | 'symlink' | 'hardlink';
  readonly data?: Buffer | string;
  readonly linkName?: string;
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
  /** Overrides the size field (a header that lies about its data, for truncation tests). */
  readonly sizeField?: number;
}

const FLAGS = { file: '0', hardlink: '1', symlink: '2', dir: '5' } as const;

function octal(value: number, length: number): string {
  return `${value.toString(8).padStart(length - 1, '0')}\0`;
}

function headerBlock(name: string, flag: string, size: number, input: TarInput, linkName: string): Buffer {
  const block = Buffer.alloc(512);
  block.write(name.slice(0, 100), 0, 'utf8');
  block.write(octal(input.mode ?? (flag === '5' ? 0o755 : flag === '2' ? 0o777 : 0o644), 8), 100, 'latin1');
  block.write(octal(input.uid ?? 0, 8), 108, 'latin1');
  block.write(octal(input.gid ?? 0, 8), 116, 'latin1');
  block.write(octal(size, 12), 124, 'latin1');
  block.write(octal(0, 12), 136, 'latin1');
  block.write('        ', 148, 'latin1');
  block.write(flag, 156, 'latin1');
  block.write(linkName.slice(0, 100), 157, 'utf8');
  block.write('ustar\u000000', 257, 'latin1');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return block;
}

function padded(data: Buffer): Buffer[] {
  const padding = (512 - (data.length % 512)) % 512;
  return padding ? [data, Buffer.alloc(padding)] : [data];
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = body.length + 1;
  while (`${length}${body}`.length !== length) length += 1;
  return `${length}${body}`;
}

export function writeTar(entries: readonly TarInput[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const type = entry.type ?? 'file';
    const data = type === 'file' ? Buffer.from(entry.data ?? '') : Buffer.alloc(0);
    const linkName = entry.linkName ?? '';
    if (Buffer.byteLength(entry.name) > 100 || Buffer.byteLength(linkName) > 100) {
      const pax = Buffer.from(paxRecord('path', entry.name) + (linkName ? paxRecord('linkpath', linkName) : ''));
      parts.push(headerBlock('PaxHeader', 'x', pax.length, { name: 'PaxHeader' }, ''), ...padded(pax));
    }
    parts.push(headerBlock(entry.name, FLAGS[type], entry.sizeField ?? data.length, entry, linkName), ...padded(data));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}
