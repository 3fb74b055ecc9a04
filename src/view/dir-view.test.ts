import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirView } from './dir-view.js';
import { SymlinkLoopError } from './fs-view.js';
import { describeViewContract } from './view.case.js';

describeViewContract('DirView', async (fixture) => ({ view: await DirView.open(fixture), base: '' }));

describe('DirView keeps every path inside its root', () => {
  let outside: string;
  let root: string;
  let view: DirView;

  beforeAll(async () => {
    // A secret next to the root, which hostile links inside the root try to reach.
    outside = await mkdtemp(join(tmpdir(), 'palisade-dirview-'));
    root = join(outside, 'rootfs');
    await mkdir(join(root, 'etc'), { recursive: true });
    await mkdir(join(root, 'usr/share/zoneinfo'), { recursive: true });
    await writeFile(join(outside, 'secret'), 'host secret\n');
    await writeFile(join(root, 'secret'), 'rootfs file named secret\n');
    await writeFile(join(root, 'etc/passwd'), 'root:x:0:0::/root:/bin/sh\n');
    await writeFile(join(root, 'usr/share/zoneinfo/UTC'), 'TZif-utc');
    await symlink('/usr/share/zoneinfo/UTC', join(root, 'etc/localtime'));
    await symlink('../../../../../../secret', join(root, 'etc/climb'));
    await symlink('/../../secret', join(root, 'etc/abs-climb'));
    await symlink(join(outside, 'secret'), join(root, 'etc/host-abs'));
    await symlink('/etc', join(root, 'etc/self'));
    await symlink('a', join(root, 'etc/b'));
    await symlink('b', join(root, 'etc/a'));
    view = await DirView.open(root);
  });
  afterAll(async () => {
    await rm(outside, { recursive: true, force: true });
  });

  it('resolves absolute symlink targets against the root, as the viewed system would', async () => {
    expect(await view.readText('/etc/localtime')).toBe('TZif-utc');
    expect((await view.stat('/etc/localtime'))?.path).toBe('/etc/localtime');
  });

  it('never lets ".." or absolute links climb out of the root', async () => {
    expect(await view.readText('/../../secret')).toBe('rootfs file named secret\n');
    expect(await view.readText('/etc/climb')).toBe('rootfs file named secret\n');
    expect(await view.readText('/etc/abs-climb')).toBe('rootfs file named secret\n');
    // An absolute link naming a host path means that path inside the rootfs, where it is missing.
    expect(await view.readText('/etc/host-abs')).toBeNull();
  });

  it('follows self-referencing directory links until they loop', async () => {
    expect(await view.readText('/etc/self/self/self/passwd')).toContain('root');
    const deep = `/etc${'/self'.repeat(50)}/passwd`;
    await expect(view.readText(deep)).rejects.toBeInstanceOf(SymlinkLoopError);
    await expect(view.stat('/etc/a')).rejects.toThrow(/too many levels of symbolic links/);
  });

  it('refuses to open something that is not a directory, naming it', async () => {
    await expect(DirView.open(join(root, 'etc/passwd'))).rejects.toThrow(/etc\/passwd: not a directory/);
    await expect(DirView.open(join(root, 'missing'))).rejects.toThrow(/cannot open root filesystem .*missing/);
  });

  it('is named after its root and is not live', async () => {
    expect(view.kind).toBe('dir');
    expect(view.live).toBe(false);
    expect(view.run).toBeUndefined();
  });
});
