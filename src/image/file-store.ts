// Random access to the files of an image archive: a directory (OCI layout) or an indexed tar
// (docker-archive, OCI archive). Readers of both formats only see this interface, so an OCI
// layout reads the same whether it is a directory or a tarball.
import { createReadStream } from 'node:fs';
import { lstat, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import type { Readable } from 'node:stream';
import { ImageError } from './image-error.js';

export interface FileStore {
  /** Names the archive in errors. */
  readonly name: string;
  /** Size of a regular file at `path` (relative, "/"-separated), or null when absent. */
  size(path: string): Promise<number | null>;
  open(path: string): Promise<Readable>;
  close(): Promise<void>;
}

/** Archive-internal names are relative and may not climb out ("../../etc/passwd" in manifest.json). */
export function storePath(path: string, where: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') throw new ImageError('unsafe-path', where, `"${path.slice(0, 200)}" points outside the archive`);
    parts.push(part);
  }
  if (path.startsWith('/')) throw new ImageError('unsafe-path', where, `"${path.slice(0, 200)}" is an absolute path`);
  return parts.join('/');
}

/** Reads a whole small file, refusing more than `max` bytes (a 1 GB manifest stays on disk). */
export async function readCapped(store: FileStore, path: string, max: number, code: 'bad-manifest' | 'bad-config' | 'bad-archive'): Promise<Buffer> {
  const where = `${path} in ${store.name}`;
  const size = await store.size(path);
  if (size === null) throw new ImageError(code === 'bad-config' ? 'bad-config' : 'not-found', where, 'missing');
  if (size > max) throw new ImageError('too-large', where, `${size} bytes is over the ${max} byte limit`);
  const chunks: Buffer[] = [];
  for await (const chunk of await store.open(path)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export class DirStore implements FileStore {
  constructor(
    private readonly root: string,
    readonly name: string = root,
  ) {}

  private async locate(path: string): Promise<string | null> {
    const full = join(this.root, storePath(path, this.name));
    try {
      const info = await lstat(full);
      if (info.isSymbolicLink()) {
        // A symlinked blob may only point inside the layout.
        const target = await realpath(full);
        const inside = relative(await realpath(this.root), target);
        if (inside.startsWith('..') || isAbsolute(inside)) throw new ImageError('unsafe-path', `${path} in ${this.name}`, 'symlink points outside the layout');
        return target;
      }
      return info.isFile() ? full : null;
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return null;
      throw error;
    }
  }

  async size(path: string): Promise<number | null> {
    const full = await this.locate(path);
    return full === null ? null : (await lstat(full)).size;
  }

  async open(path: string): Promise<Readable> {
    const full = await this.locate(path);
    if (full === null) throw new ImageError('not-found', `${path} in ${this.name}`, 'missing');
    return createReadStream(full);
  }

  async close(): Promise<void> {}
}
