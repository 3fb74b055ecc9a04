// The pruned, concurrent walk against the plain one it replaced, on this machine: every archive
// and lock file that an ordered walk of the whole disk finds (only the kernel's file systems and
// container storage skipped, as the jars collector did before) is found, with the same stat, by
// the walk the collectors now share. What the pruning leaves out must hold none of them.
import { describe, expect, it } from 'vitest';
import { HostView } from '../../view/host-view.js';
import { walkDisk } from './disk-walk.js';
import { unwalkedMounts } from './pruning.js';

const WANTED = /\.(jar|war|ear)$|\/(package-lock\.json|Cargo\.lock|Gemfile\.lock|composer\.lock)$/i;
const BEFORE_SKIPPED = new Set(['/proc', '/sys', '/dev', '/run', '/var/lib/docker', '/var/lib/containerd', '/var/lib/containers']);

describe('the shared disk walk on this host', () => {
  it('finds every archive and lock file the plain walk of the whole disk finds', async () => {
    const view = new HostView();
    const plain: string[] = [];
    for await (const entry of view.walk('/', { skipDir: (path) => BEFORE_SKIPPED.has(path), fileFilter: (path) => WANTED.test(path) })) {
      if (entry.type === 'file' && WANTED.test(entry.path)) plain.push(entry.path);
    }
    const findings = await walkDisk(view);
    const shared = [...findings.archives.map((archive) => archive.path), ...findings.namedFiles.filter((path) => WANTED.test(path))];
    expect(plain.length).toBeGreaterThan(0);
    expect(shared.sort()).toEqual(plain.sort());
  }, 180_000);

  it('leaves out mounts of kernel, network and unknown file systems, never the root', () => {
    const mountinfo = [
      '22 1 252:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw',
      '23 22 0:21 / /proc rw,nosuid shared:12 - proc proc rw',
      '24 22 0:22 / /srv/data\\040files rw shared:13 - nfs4 server:/export rw',
      '25 22 0:23 / /tmp rw shared:14 - tmpfs tmpfs rw',
      '26 22 0:24 / /mnt/tool rw - fuse.sshfs host:/ rw',
      '27 22 252:2 / /var/lib/mysql rw - xfs /dev/vdb rw',
    ].join('\n');
    expect(unwalkedMounts(mountinfo)).toEqual(['/proc', '/srv/data files', '/mnt/tool']);
  });
});
