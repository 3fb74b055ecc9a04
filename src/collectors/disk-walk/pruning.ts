// What the whole-disk walk leaves out, and why. Its readers look for installed software: archives
// (.jar), dependency trees (node_modules, site-packages), lock files, gem specifications and
// compiled programs. Trees that cannot hold those are skipped by path, by name and, on a live
// host, by the type of file system mounted there.
import type { SystemView } from '../../view/system-view.js';

/**
 * Kernel and runtime file systems (Trivy's file walker skips proc, sys and dev for the same
 * reason: they describe the running kernel, not installed software, and reading some of them
 * blocks or never ends), and container engines' storage, which is scanned container by
 * container and image by image rather than as part of its host.
 */
const RUNTIME_DIRS = ['/proc', '/sys', '/dev', '/run', '/var/lib/docker', '/var/lib/containerd', '/var/lib/containers'];

/**
 * Documentation, manual pages, translations and icons (FHS 4.11: share/doc, man, info, locale)
 * under any prefix (/usr, /usr/local, a toolchain's own: a Rust toolchain's share/doc is 60,000
 * HTML pages), and C headers (FHS 4.5: /usr/include). No installed program, archive or dependency
 * tree lives there; on this machine they are a third of the disk's entries.
 */
const DOCUMENTATION_NAMES = new Set(['doc', 'man', 'info', 'locale', 'icons']);
const DOCUMENTATION_DIRS = ['/usr/include'];

/**
 * Database servers' data directories: table files by the thousand (extensionless, so each would
 * be stat'ed as a possible program), and no software; the servers themselves live in /usr.
 */
const DATA_DIRS = ['/var/lib/postgresql', '/var/lib/mysql', '/var/lib/mongodb', '/var/lib/redis'];

/**
 * Version-control objects, Python bytecode caches and npm's download cache (_cacache: blobs named
 * by their hash): copies of something else, never installed software. Maven's ~/.m2 is walked:
 * its jars were always listed, and builds run from it.
 */
const SKIPPED_NAMES = new Set(['.git', '__pycache__', '_cacache']);

/**
 * File systems that are walked when mounted below the root: those that keep files on a local disk
 * (or in memory, or in an image). Everything else is left out, like updatedb's PRUNEFS: kernel
 * interfaces (proc, sysfs, cgroup, debugfs…), network shares (nfs, cifs, sshfs), whose walk would
 * load a file server from every host of a fleet, and FUSE mounts of unknown behaviour.
 */
const WALKED_FILE_SYSTEMS = new Set([
  'ext2', 'ext3', 'ext4', 'xfs', 'btrfs', 'zfs', 'f2fs', 'jfs', 'reiserfs', 'bcachefs', 'vfat', 'exfat', 'ntfs', 'ntfs3', 'fuseblk', 'overlay', 'tmpfs', 'squashfs', 'erofs', 'iso9660',
]);

/** Mount points of file systems not walked, from a mountinfo table (proc(5): field 5 the mount point, after " - " the type). */
export function unwalkedMounts(mountinfo: string): string[] {
  const skipped: string[] = [];
  for (const line of mountinfo.split('\n')) {
    const [before, after] = line.split(' - ');
    const mountPoint = before?.split(' ')[4];
    const type = after?.split(' ')[0];
    if (!mountPoint || !type || mountPoint === '/' || WALKED_FILE_SYSTEMS.has(type)) continue;
    // Octal escapes for space, tab, newline and backslash (proc(5), show_mountinfo).
    skipped.push(mountPoint.replace(/\\([0-7]{3})/g, (_, code: string) => String.fromCharCode(parseInt(code, 8))));
  }
  return skipped;
}

/** The directory filter of one walk of `view`: true for a directory to leave out. */
export async function prunedDirs(view: SystemView): Promise<(path: string, name: string) => boolean> {
  const paths = new Set([...RUNTIME_DIRS, ...DOCUMENTATION_DIRS, ...DATA_DIRS]);
  if (view.live) {
    const mountinfo = await view.readText('/proc/self/mountinfo').catch(() => null);
    for (const mountPoint of unwalkedMounts(mountinfo ?? '')) paths.add(mountPoint);
  }
  return (path, name) => SKIPPED_NAMES.has(name) || paths.has(path) || (DOCUMENTATION_NAMES.has(name) && path.endsWith(`/share/${name}`));
}
