// The contract every file-tree view passes (STYLE.md habit 10): the directory view and the host
// view run these same cases over the same fixture tree, so a collector reading either gets the
// same answers. A view test calls `describeViewContract` with a way to open its view over the
// fixture and the view path at which the fixture appears ("" for a view rooted at it).
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SymlinkLoopError } from './fs-view.js';
import type { FileStat, SystemView } from './system-view.js';

export interface ViewUnderTest {
  readonly view: SystemView;
  /** View path of the fixture's top ("" when the view is rooted at the fixture). */
  readonly base: string;
}

export const BIG_FILE_BYTES = 200_000;

/** Builds the fixture tree every view case reads; returns its directory on this machine. */
export async function buildViewFixture(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'palisade-view-'));
  await mkdir(join(dir, 'etc/sub'), { recursive: true });
  await mkdir(join(dir, 'var/log'), { recursive: true });
  await mkdir(join(dir, 'empty'));
  await writeFile(join(dir, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
  await writeFile(join(dir, 'etc/sub/deep.conf'), 'deep\n');
  await writeFile(join(dir, 'etc/big'), Buffer.alloc(BIG_FILE_BYTES, 'a'));
  await writeFile(join(dir, 'var/log/a.log'), 'log line\n');
  await symlink('passwd', join(dir, 'etc/rel-link'));
  await symlink('../var', join(dir, 'etc/dir-link'));
  await symlink('loop2', join(dir, 'loop1'));
  await symlink('loop1', join(dir, 'loop2'));
  await symlink('nowhere', join(dir, 'dangling'));
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  return dir;
}

export function describeViewContract(label: string, open: (fixture: string) => Promise<ViewUnderTest>): void {
  describe(`SystemView contract: ${label}`, () => {
    let fixture: string;
    let view: SystemView;
    let base: string;
    const at = (path: string) => `${base}${path}`;

    beforeAll(async () => {
      fixture = await buildViewFixture();
      ({ view, base } = await open(fixture));
    });
    afterAll(async () => {
      await rm(fixture, { recursive: true, force: true });
    });

    it('stats files, directories and symlinks', async () => {
      const file = await view.stat(at('/etc/passwd'));
      expect(file).toMatchObject({ path: at('/etc/passwd'), type: 'file', size: 32 });
      expect((await view.stat(at('/etc')))?.type).toBe('dir');
      expect((await view.stat(at('/etc/rel-link')))?.type).toBe('file');
      expect((await view.lstat(at('/etc/rel-link')))?.type).toBe('symlink');
      expect((await view.stat(at('/fifo')))?.type).toBe('other');
    });

    it('answers null for what does not exist', async () => {
      expect(await view.stat(at('/nope'))).toBeNull();
      expect(await view.stat(at('/etc/passwd/below-a-file'))).toBeNull();
      expect(await view.stat(at('/dangling'))).toBeNull();
      expect((await view.lstat(at('/dangling')))?.type).toBe('symlink');
      expect(await view.readFile(at('/nope'))).toBeNull();
      expect(await view.readDir(at('/nope'))).toBeNull();
      expect(await view.readLink(at('/nope'))).toBeNull();
    });

    it('reads whole files and honours maxBytes', async () => {
      expect(await view.readText(at('/etc/passwd'))).toBe('root:x:0:0:root:/root:/bin/bash\n');
      expect((await view.readFile(at('/etc/big')))?.length).toBe(BIG_FILE_BYTES);
      const head = await view.readFile(at('/etc/big'), { maxBytes: 70_000 });
      expect(head?.length).toBe(70_000);
      expect((await view.readFile(at('/etc/passwd'), { maxBytes: 4 }))?.toString()).toBe('root');
      expect((await view.readFile(at('/etc/passwd'), { maxBytes: 0 }))?.length).toBe(0);
    });

    it('reads only regular files: directories and FIFOs give null without blocking', async () => {
      expect(await view.readFile(at('/etc'))).toBeNull();
      expect(await view.readFile(at('/fifo'))).toBeNull();
    });

    it('follows relative symlinks, including through directories and with ".." after them', async () => {
      expect(await view.readText(at('/etc/rel-link'))).toContain('root:x:0:0');
      expect(await view.readText(at('/etc/dir-link/log/a.log'))).toBe('log line\n');
      // dir-link points at ../var, so its ".." is the fixture top, not /etc (POSIX resolution).
      expect(await view.readText(at('/etc/dir-link/../etc/passwd'))).toContain('root');
      expect(await view.readDir(at('/etc/dir-link'))).toEqual(['log']);
    });

    it('reports symlink loops as SymlinkLoopError, and lstat still sees the link', async () => {
      await expect(view.stat(at('/loop1'))).rejects.toBeInstanceOf(SymlinkLoopError);
      await expect(view.readFile(at('/loop1/x'))).rejects.toBeInstanceOf(SymlinkLoopError);
      expect((await view.lstat(at('/loop1')))?.type).toBe('symlink');
      expect(await view.readLink(at('/loop1'))).toBe('loop2');
    });

    it('lists directories sorted and reads symlink targets as stored', async () => {
      expect(await view.readDir(at('/etc'))).toEqual(['big', 'dir-link', 'passwd', 'rel-link', 'sub']);
      expect(await view.readDir(at('/empty'))).toEqual([]);
      expect(await view.readDir(at('/etc/passwd'))).toBeNull();
      expect(await view.readLink(at('/etc/dir-link'))).toBe('../var');
      expect(await view.readLink(at('/etc/passwd'))).toBeNull();
    });

    it('walks depth first, sorted, without following symlinked directories', async () => {
      const seen: FileStat[] = [];
      for await (const entry of view.walk(at('/etc'))) seen.push(entry);
      expect(seen.map((e) => [e.path, e.type])).toEqual([
        [at('/etc/big'), 'file'],
        [at('/etc/dir-link'), 'symlink'],
        [at('/etc/passwd'), 'file'],
        [at('/etc/rel-link'), 'symlink'],
        [at('/etc/sub'), 'dir'],
        [at('/etc/sub/deep.conf'), 'file'],
      ]);
    });

    it('walk honours maxDepth and skipDir, and ends on loops', async () => {
      const shallow: string[] = [];
      for await (const entry of view.walk(at('/etc'), { maxDepth: 1 })) shallow.push(entry.path);
      expect(shallow).not.toContain(at('/etc/sub/deep.conf'));
      expect(shallow).toContain(at('/etc/sub'));
      const skipped: string[] = [];
      for await (const entry of view.walk(at('/'), { skipDir: (p) => p === at('/var') })) skipped.push(entry.path);
      expect(skipped).toContain(at('/loop1'));
      expect(skipped).toContain(at('/etc/sub/deep.conf'));
      expect(skipped.some((p) => p.startsWith(at('/var')))).toBe(false);
    });

    it('refuses relative paths as a caller error', async () => {
      await expect(view.stat('etc/passwd')).rejects.toBeInstanceOf(TypeError);
    });
  });
}
