// The merged file tree of an image's layers (OCI image-spec layer.md "Applying Changesets"):
// later layers replace entries, `.wh.NAME` deletes NAME from lower layers and `.wh..wh..opq`
// hides everything lower layers put in its directory. Paths are only ever walked inside this
// tree: a symlink is data here, never followed while applying a layer, so a layer cannot write
// "through" a link out of the image.
import type { FileType } from './system-view.js';

/** Kept bytes: in memory, or a range of the view's spill file (spill-file.ts). */
export type Content = { readonly kind: 'memory'; readonly data: Buffer } | { readonly kind: 'disk'; readonly offset: number; readonly length: number };

export interface TreeNode {
  type: FileType;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtimeMs: number;
  /** The layer that last wrote this entry. */
  layer: number;
  link?: string;
  children?: Map<string, TreeNode>;
  content?: Content;
  /** A hard link sharing another entry's kept bytes: freeing it frees nothing. */
  sharesContent?: boolean;
}

export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE_MARKER = '.wh..wh..opq';

export function newDir(layer: number): TreeNode {
  return { type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0, mtimeMs: 0, layer, children: new Map() };
}

export function splitPath(path: string): string[] {
  return path.split('/').filter((part) => part !== '');
}

export class ImageTree {
  readonly root = newDir(-1);
  /** Called when an entry with kept bytes leaves the tree, so its memory or temp file is freed. */
  constructor(private readonly release: (node: TreeNode) => void) {}

  /** The directory that will hold `parts`' last element, made (or made a directory) as needed. */
  private parentFor(parts: readonly string[], layer: number): TreeNode {
    let node = this.root;
    for (const part of parts.slice(0, -1)) {
      const children = node.children as Map<string, TreeNode>;
      let child = children.get(part);
      if (!child || child.type !== 'dir') {
        // A file or symlink where the layer wants a directory: the layer's directory wins.
        if (child) this.drop(child);
        child = newDir(layer);
        children.set(part, child);
      }
      node = child;
    }
    return node;
  }

  /** Literal lookup, no symlinks followed. */
  find(parts: readonly string[]): TreeNode | null {
    let node: TreeNode | undefined = this.root;
    for (const part of parts) {
      node = node.children?.get(part);
      if (!node) return null;
    }
    return node;
  }

  put(path: string, entry: TreeNode): void {
    const parts = splitPath(path);
    const name = parts[parts.length - 1];
    if (name === undefined) {
      Object.assign(this.root, { mode: entry.mode, uid: entry.uid, gid: entry.gid, mtimeMs: entry.mtimeMs });
      return;
    }
    const parent = this.parentFor(parts, entry.layer);
    const children = parent.children as Map<string, TreeNode>;
    const existing = children.get(name);
    if (existing && existing.type === 'dir' && entry.type === 'dir') {
      // A directory entry updates metadata; what lower layers put inside stays.
      Object.assign(existing, { mode: entry.mode, uid: entry.uid, gid: entry.gid, mtimeMs: entry.mtimeMs, layer: entry.layer });
      return;
    }
    if (existing) this.drop(existing);
    children.set(name, entry);
  }

  /** `.wh.NAME` in `dir`: NAME as lower layers left it is gone. */
  whiteout(dir: string, name: string, layer: number): void {
    const parent = this.find(splitPath(dir));
    const victim = parent?.children?.get(name);
    if (!parent || !victim || victim.layer >= layer) return;
    this.drop(victim);
    parent.children?.delete(name);
  }

  /** `.wh..wh..opq` in `dir`: only what this layer put there stays. */
  opaque(dir: string, layer: number): void {
    const node = this.find(splitPath(dir));
    if (node?.type === 'dir') this.prune(node, layer);
  }

  private prune(dir: TreeNode, layer: number): void {
    for (const [name, child] of dir.children ?? []) {
      if (child.type === 'dir') {
        this.prune(child, layer);
        if (child.layer < layer && (child.children?.size ?? 0) === 0) dir.children?.delete(name);
      } else if (child.layer < layer) {
        this.drop(child);
        dir.children?.delete(name);
      }
    }
  }

  private drop(node: TreeNode): void {
    if (node.content && !node.sharesContent) this.release(node);
    for (const child of node.children?.values() ?? []) this.drop(child);
  }
}
