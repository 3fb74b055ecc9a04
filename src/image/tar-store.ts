// An image archive (docker save, OCI archive) as a FileStore: one sequential pass records where
// each member's data starts, then members are read by offset. A gzipped archive cannot be read by
// offset, so it is first decompressed to a temporary file (bounded like a layer), not extracted.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { BombGuard, decompressor, sniffCompression } from './decompress.js';
import type { FileStore } from './file-store.js';
import { ImageError } from './image-error.js';
import { asImageError } from './layer-stream.js';
import type { ImageLimits } from './limits.js';
import { readTar } from './tar-reader.js';

interface Member {
  readonly offset: number;
  readonly size: number;
  readonly type: 'file' | 'hardlink' | 'symlink' | 'other';
  readonly linkName: string;
}

/** Normalised member name; null when ".." climbs above the archive root. */
function memberName(name: string): string | null {
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.pop() === undefined) return null;
    } else parts.push(part);
  }
  return parts.join('/');
}

export class TarStore implements FileStore {
  private constructor(
    readonly name: string,
    private readonly file: string,
    private readonly members: ReadonlyMap<string, Member>,
    private readonly tempDir: string | null,
  ) {}

  static async open(file: string, limits: ImageLimits): Promise<TarStore> {
    const handle = await open(file, 'r').catch((error: unknown) => {
      throw new ImageError('not-found', file, `cannot open: ${(error as Error).message}`);
    });
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    await handle.close();
    let tarFile = file;
    let tempDir: string | null = null;
    const compression = sniffCompression(head);
    if (compression !== 'none') {
      tempDir = await mkdtemp(join(tmpdir(), 'palisade-archive-'));
      tarFile = join(tempDir, 'archive.tar');
      const guard = new BombGuard(file, limits);
      try {
        await pipeline(createReadStream(file), guard.counter(), decompressor(compression, file, limits), guard.limiter(), createWriteStream(tarFile));
      } catch (error) {
        await rm(tempDir, { recursive: true, force: true });
        throw asImageError(error, file);
      }
    }
    try {
      const members = new Map<string, Member>();
      const entries = readTar(createReadStream(tarFile) as AsyncIterable<Buffer>, {
        where: file,
        maxHeaderBytes: limits.maxTarHeaderBytes,
        maxEntries: limits.maxEntriesPerLayer,
      });
      for await (const entry of entries) {
        const { header } = entry;
        const name = memberName(header.name);
        if (header.type === 'dir' || name === null) continue;
        members.set(name, {
          offset: entry.offset,
          size: header.size,
          type: header.type,
          linkName: header.linkName,
        });
      }
      return new TarStore(file, tarFile, members, tempDir);
    } catch (error) {
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
      throw asImageError(error, file);
    }
  }

  /** Follows hard links and symlinks between members (go-containerregistry writes both). */
  private member(path: string): Member | null {
    let name = memberName(path);
    for (let hops = 0; hops < 8 && name !== null; hops += 1) {
      const member = this.members.get(name);
      if (!member) return null;
      if (member.type === 'file') return member;
      if (member.type === 'hardlink') name = memberName(member.linkName);
      else if (member.type === 'symlink') {
        const base = name.includes('/') ? name.slice(0, name.lastIndexOf('/') + 1) : '';
        name = memberName(member.linkName.startsWith('/') ? member.linkName : base + member.linkName);
      } else return null;
    }
    return null;
  }

  async size(path: string): Promise<number | null> {
    return this.member(path)?.size ?? null;
  }

  async open(path: string): Promise<Readable> {
    const member = this.member(path);
    if (!member) throw new ImageError('not-found', `${path} in ${this.name}`, 'missing');
    if (member.size === 0) return Readable.from([]);
    return createReadStream(this.file, { start: member.offset, end: member.offset + member.size - 1 });
  }

  has(path: string): boolean {
    return this.member(path) !== null;
  }

  async close(): Promise<void> {
    if (this.tempDir) await rm(this.tempDir, { recursive: true, force: true });
  }
}
