// Test helper: builds a root filesystem directory from a map of paths to contents, so collector
// tests read real files through a real DirView.
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DirView } from '../view/dir-view.js';

export type Entry = string | Buffer | { readonly symlink: string } | { readonly content: string | Buffer; readonly mode: number };

export interface Rootfs {
  readonly dir: string;
  readonly view: DirView;
  remove(): Promise<void>;
}

export async function buildRootfs(entries: Readonly<Record<string, Entry>>): Promise<Rootfs> {
  const dir = await mkdtemp(join(tmpdir(), 'palisade-rootfs-'));
  for (const [path, entry] of Object.entries(entries)) {
    const target = join(dir, path);
    await mkdir(dirname(target), { recursive: true });
    if (typeof entry === 'string' || Buffer.isBuffer(entry)) await writeFile(target, entry);
    else if ('symlink' in entry) await symlink(entry.symlink, target);
    else {
      await writeFile(target, entry.content);
      await chmod(target, entry.mode);
    }
  }
  return { dir, view: await DirView.open(dir), remove: () => rm(dir, { recursive: true, force: true }) };
}

const ALPINE_ARCHIVE = new URL('../../../shared/corpora/images/alpine-310.docker-archive.tar.gz', import.meta.url);

/**
 * The real alpine:3.10 root filesystem from the shared corpus (its single layer unpacked with
 * the system tar), for tests that want a whole distribution rather than a few hand-made files.
 */
export async function unpackAlpineRootfs(): Promise<Rootfs> {
  const dir = await mkdtemp(join(tmpdir(), 'palisade-alpine-'));
  const archive = decodeURIComponent(ALPINE_ARCHIVE.pathname);
  const layer = execFileSync('tar', ['-xzOf', archive, '--wildcards', '*/layer.tar'], { maxBuffer: 64 * 1024 * 1024 });
  execFileSync('tar', ['-x', '--no-same-owner', '-C', dir], { input: layer });
  return { dir, view: await DirView.open(dir), remove: () => rm(dir, { recursive: true, force: true }) };
}
