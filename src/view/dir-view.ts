// A root filesystem in a directory (`palisade scan rootfs DIR`, an unpacked container). The tree
// is hostile input: its symlinks are resolved here, one component at a time, as the viewed system
// would see them: an absolute target starts again at the view's root, ".." stops at the root, and
// after MAX_SYMLINK_HOPS hops the path is a loop. Nothing outside the root is ever touched.
import { lstat, readlink, realpath } from 'node:fs/promises';
import { resolve as resolveHostPath } from 'node:path';
import { FsView, MAX_SYMLINK_HOPS, SymlinkLoopError, components, guard, type Located } from './fs-view.js';

export class DirView extends FsView {
  readonly kind = 'dir' as const;
  readonly live = false;
  readonly name: string;

  private constructor(private readonly root: string) {
    super();
    this.name = root;
  }

  /** Opens a view of `dir`. The root itself may be a symlink; it is resolved once, here. */
  static async open(dir: string): Promise<DirView> {
    let root: string;
    try {
      root = await realpath(resolveHostPath(dir));
    } catch (error) {
      throw new Error(`cannot open root filesystem ${dir}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const stats = await lstat(root);
    if (!stats.isDirectory()) throw new Error(`cannot open root filesystem ${dir}: not a directory`);
    return new DirView(root);
  }

  private hostPathOf(names: readonly string[]): string {
    if (names.length === 0) return this.root;
    return this.root === '/' ? `/${names.join('/')}` : `${this.root}/${names.join('/')}`;
  }

  protected async locate(path: string, followFinal: boolean): Promise<Located | null> {
    const resolved: string[] = [];
    const pending = components(path);
    let hops = 0;
    while (pending.length > 0) {
      const name = pending.shift() as string;
      if (name === '..') {
        resolved.pop(); // at the root, ".." is the root (as for "/.." on Linux)
        continue;
      }
      const isLast = pending.length === 0;
      const candidate = this.hostPathOf([...resolved, name]);
      const stats = await guard(path, () => lstat(candidate));
      if (!stats) return null;
      if (stats.isSymbolicLink() && (followFinal || !isLast)) {
        hops += 1;
        if (hops > MAX_SYMLINK_HOPS) throw new SymlinkLoopError(path);
        const target = await guard(path, () => readlink(candidate));
        if (target === null) return null;
        if (target.startsWith('/')) resolved.length = 0;
        pending.unshift(...components(target));
        continue;
      }
      if (!isLast && !stats.isDirectory()) return null;
      resolved.push(name);
    }
    return { hostPath: this.hostPathOf(resolved) };
  }
}
