// A SystemView over a container image (DESIGN.md "The one idea"). Building it streams each layer
// once: entries update the merged tree (image-tree.ts), files some analyzer declared are kept
// (in memory up to a budget, then in a temporary directory), and LayerFileVisitors see every
// regular file of every layer. The image is never extracted whole.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImageSource, LayerInfo } from '../image/image-source.js';
import { asImageError, layerName, openLayerTar } from '../image/layer-stream.js';
import type { ImageLimits } from '../image/limits.js';
import { readTar, type TarEntry } from '../image/tar-reader.js';
import { baseNameOf, imagePathOf, parentOf } from '../image/tar-path.js';
import { needsMatcher, type FileNeeds, type LayerFile, type LayerFileVisitor } from './file-needs.js';
import { SpillFile } from './spill-file.js';
import { ImageTree, OPAQUE_MARKER, splitPath, WHITEOUT_PREFIX, type TreeNode } from './image-tree.js';
import { MAX_SYMLINK_HOPS, SymlinkLoopError } from './fs-view.js';
import { NotVisibleError, type FileStat, type ReadOptions, type SystemView, type WalkOptions } from './system-view.js';


/**
 * A file of the image whose bytes were not kept because no scanner declared it (file-needs.ts).
 * A NotVisibleError, so analyzers treat it like any file they may not read.
 */
export class NotKeptError extends NotVisibleError {
  constructor(path: string) {
    super(path);
    this.name = 'NotKeptError';
    this.message = `${path}: not kept from the image (no scanner declared it in its needs)`;
  }
}

export interface ImageViewOptions {
  readonly needs: readonly FileNeeds[];
  readonly visitors?: readonly LayerFileVisitor[];
  readonly limits: ImageLimits;
  /** Kept bytes held in memory at most; beyond, kept files go to a temporary directory. */
  readonly memoryBudgetBytes?: number;
  /** Files larger than this always go to the temporary directory when kept. */
  readonly memoryFileBytes?: number;
  readonly onLayer?: (layer: LayerInfo, done: boolean) => void;
  readonly onBytes?: (compressedBytes: number) => void;
}

export interface LayerSummary {
  readonly index: number;
  readonly digest?: string;
  readonly diffId: string;
  /** Bytes of the uncompressed tar. */
  readonly size: number;
  readonly storedSize: number;
  readonly entries: number;
}

export class ImageView implements SystemView {
  readonly kind = 'image' as const;
  readonly live = false;
  readonly layers: LayerSummary[] = [];
  private readonly tree: ImageTree;
  private memoryBytes = 0;
  private tempDir: string | null = null;
  private spill: SpillFile | null = null;

  private constructor(
    readonly source: ImageSource,
    private readonly options: ImageViewOptions,
  ) {
    this.tree = new ImageTree((node) => {
      if (node.content?.kind === 'memory') this.memoryBytes -= node.content.data.length;
      delete node.content;
    });
  }

  get name(): string {
    return this.source.name;
  }

  /** Bytes of all layers uncompressed. */
  get size(): number {
    return this.layers.reduce((total, layer) => total + layer.size, 0);
  }

  static async build(source: ImageSource, options: ImageViewOptions): Promise<ImageView> {
    const view = new ImageView(source, options);
    try {
      for (const layer of source.layers) await view.applyLayer(layer);
    } catch (error) {
      await view.close();
      throw error;
    }
    return view;
  }

  private async applyLayer(layer: LayerInfo): Promise<void> {
    const where = layerName(layer);
    const { limits } = this.options;
    const keep = needsMatcher(this.options.needs);
    const visitors = this.options.visitors ?? [];
    this.options.onLayer?.(layer, false);
    const { stream, guard } = await openLayerTar(this.source, layer, limits);
    let entries = 0;
    let reported = 0;
    try {
      for await (const entry of readTar(stream as AsyncIterable<Buffer>, { where, maxHeaderBytes: limits.maxTarHeaderBytes, maxEntries: limits.maxEntriesPerLayer })) {
        entries += 1;
        await this.applyEntry(layer, entry, where, keep, visitors);
        if (this.options.onBytes && guard.compressedBytes - reported > 1 << 20) {
          this.options.onBytes(guard.compressedBytes - reported);
          reported = guard.compressedBytes;
        }
      }
    } catch (error) {
      stream.destroy();
      throw asImageError(error, where);
    }
    this.options.onBytes?.(guard.compressedBytes - reported);
    this.layers.push({
      index: layer.index,
      ...(layer.digest ? { digest: layer.digest } : {}),
      diffId: layer.diffId,
      size: guard.outputBytes,
      storedSize: guard.compressedBytes,
      entries,
    });
    this.options.onLayer?.(layer, true);
  }

  private async applyEntry(
    layer: LayerInfo,
    entry: TarEntry,
    where: string,
    keep: (path: string, size: number, mode: number) => boolean,
    visitors: readonly LayerFileVisitor[],
  ): Promise<void> {
    const { header } = entry;
    const path = imagePathOf(header.name, `${where}`);
    const name = baseNameOf(path);
    const index = layer.index;
    if (name === OPAQUE_MARKER) return this.tree.opaque(parentOf(path), index);
    if (name.startsWith(WHITEOUT_PREFIX)) return this.tree.whiteout(parentOf(path), name.slice(WHITEOUT_PREFIX.length), index);
    const node: TreeNode = { type: 'other', mode: header.mode, uid: header.uid, gid: header.gid, size: 0, mtimeMs: header.mtimeMs, layer: index };
    switch (header.type) {
      case 'dir':
        node.type = 'dir';
        node.children = new Map();
        break;
      case 'symlink':
        node.type = 'symlink';
        node.link = header.linkName;
        node.size = header.linkName.length;
        break;
      case 'hardlink': {
        // The link target must already be in the tree; a name outside the root is refused.
        const target = this.tree.find(splitPath(imagePathOf(header.linkName, `${where}: hard link ${path}`)));
        if (!target || target.type !== 'file') return;
        Object.assign(node, { type: 'file', size: target.size, mode: target.mode });
        if (target.content) Object.assign(node, { content: target.content, sharesContent: true });
        break;
      }
      case 'file': {
        node.type = 'file';
        node.size = header.size;
        const file: LayerFile = { layerIndex: index, layerDigest: layer.diffId, path, size: header.size, mode: header.mode };
        const wanted = visitors.filter((visitor) => visitor.wants(file));
        const kept = keep(path, header.size, header.mode);
        if (wanted.length > 0 || kept) await this.readBody(entry, file, wanted, kept, node);
        break;
      }
      default:
        break;
    }
    this.tree.put(path, node);
  }

  private async readBody(entry: TarEntry, file: LayerFile, visitors: readonly LayerFileVisitor[], kept: boolean, node: TreeNode): Promise<void> {
    const memoryFileBytes = this.options.memoryFileBytes ?? 8 * 1024 * 1024;
    const budget = this.options.memoryBudgetBytes ?? 32 * 1024 * 1024;
    const visitorBytes = Math.max(0, ...visitors.map((visitor) => visitor.maxFileBytes));
    const toDisk = kept && (file.size > memoryFileBytes || this.memoryBytes + file.size > budget);
    const bufferLimit = Math.max(visitorBytes, kept && !toDisk ? file.size : 0);
    const chunks: Buffer[] = [];
    let buffered = 0;
    const spill = toDisk ? await this.spillFile() : null;
    const offset = spill?.size ?? 0;
    for await (const piece of entry.body()) {
      if (buffered < bufferLimit) {
        const part = piece.length <= bufferLimit - buffered ? piece : piece.subarray(0, bufferLimit - buffered);
        chunks.push(part);
        buffered += part.length;
      }
      if (spill) await spill.append(piece);
      else if (buffered >= bufferLimit) break;
    }
    if (spill) node.content = { kind: 'disk', offset, length: spill.size - offset };
    const data = Buffer.concat(chunks);
    if (kept && !toDisk) {
      node.content = { kind: 'memory', data };
      this.memoryBytes += data.length;
    }
    for (const visitor of visitors) {
      const truncated = file.size > visitor.maxFileBytes;
      await visitor.visit(file, truncated ? data.subarray(0, visitor.maxFileBytes) : data, truncated);
    }
  }

  /** One temporary file all kept bytes over the memory budget are appended to (one open, no per-file cost). */
  private async spillFile(): Promise<SpillFile> {
    if (!this.spill) {
      this.tempDir = await mkdtemp(join(tmpdir(), 'palisade-image-'));
      this.spill = await SpillFile.create(join(this.tempDir, 'kept'));
    }
    return this.spill;
  }

  /**
   * Follows symlinks inside the image, component by component as the kernel does (so "link/.."
   * is the parent of the link's target); `followLast` false for lstat/readLink. Absolute targets
   * restart at the image root and ".." stops there: nothing resolves outside the image.
   */
  private resolve(path: string, followLast: boolean): { node: TreeNode; path: string } | null {
    if (!path.startsWith('/')) throw new TypeError(`${path}: view paths are absolute paths inside the image`);
    const pending = path.split('/').filter((part) => part !== '').reverse();
    const names: string[] = [];
    const nodes: TreeNode[] = [this.tree.root];
    let hops = 0;
    while (pending.length > 0) {
      const part = pending.pop() as string;
      if (part === '.') continue;
      if (part === '..') {
        if (names.length > 0) {
          names.pop();
          nodes.pop();
        }
        continue;
      }
      const dir = nodes[nodes.length - 1] as TreeNode;
      if (dir.type !== 'dir') return null;
      const child = dir.children?.get(part);
      if (!child) return null;
      if (child.type === 'symlink' && (pending.length > 0 || followLast)) {
        hops += 1;
        if (hops > MAX_SYMLINK_HOPS) throw new SymlinkLoopError(path);
        const target = child.link ?? '';
        if (target.startsWith('/')) {
          names.length = 0;
          nodes.length = 1;
        }
        pending.push(...target.split('/').filter((item) => item !== '').reverse());
        continue;
      }
      names.push(part);
      nodes.push(child);
    }
    return { node: nodes[nodes.length - 1] as TreeNode, path: `/${names.join('/')}` };
  }

  private statOf(path: string, node: TreeNode): FileStat {
    return { path, type: node.type, size: node.type === 'dir' ? 4096 : node.size, mode: node.mode, uid: node.uid, gid: node.gid, mtimeMs: node.mtimeMs };
  }

  async stat(path: string): Promise<FileStat | null> {
    const found = this.resolve(path, true);
    return found ? this.statOf(path, found.node) : null;
  }

  async lstat(path: string): Promise<FileStat | null> {
    const found = this.resolve(path, false);
    return found ? this.statOf(path, found.node) : null;
  }

  async readFile(path: string, options?: ReadOptions): Promise<Buffer | null> {
    const found = this.resolve(path, true);
    if (!found || found.node.type !== 'file') return null;
    const { node } = found;
    let data: Buffer;
    if (node.size === 0) data = Buffer.alloc(0);
    else if (node.content?.kind === 'memory') data = node.content.data;
    else if (node.content?.kind === 'disk' && this.spill) data = await this.spill.read(node.content.offset, node.content.length);
    else throw new NotKeptError(path);
    return options?.maxBytes !== undefined && data.length > options.maxBytes ? data.subarray(0, options.maxBytes) : data;
  }

  async readText(path: string, options?: ReadOptions): Promise<string | null> {
    const data = await this.readFile(path, options);
    return data === null ? null : data.toString('utf8');
  }

  async readDir(path: string): Promise<string[] | null> {
    const found = this.resolve(path, true);
    if (!found || found.node.type !== 'dir') return null;
    return [...(found.node.children?.keys() ?? [])].sort();
  }

  async readLink(path: string): Promise<string | null> {
    const found = this.resolve(path, false);
    return found?.node.type === 'symlink' ? (found.node.link ?? '') : null;
  }

  async *walk(path: string, options?: WalkOptions): AsyncIterable<FileStat> {
    const found = this.resolve(path, true);
    if (!found || found.node.type !== 'dir') return;
    const start = path === '/' ? '' : path.replace(/\/+$/, '');
    yield* this.walkNode(start, found.node, 0, options);
  }

  private *walkNode(prefix: string, dir: TreeNode, depth: number, options?: WalkOptions): Iterable<FileStat> {
    const names = [...(dir.children?.keys() ?? [])].sort();
    for (const name of names) {
      const child = dir.children?.get(name) as TreeNode;
      const childPath = `${prefix}/${name}`;
      // A skipped directory is left out with everything under it (the view contract).
      if (child.type === 'dir' && options?.skipDir?.(childPath)) continue;
      yield this.statOf(childPath, child);
      if (child.type !== 'dir') continue;
      if (options?.maxDepth !== undefined && depth + 1 >= options.maxDepth) continue;
      yield* this.walkNode(childPath, child, depth + 1, options);
    }
  }

  async close(): Promise<void> {
    await this.spill?.close();
    this.spill = null;
    if (this.tempDir) await rm(this.tempDir, { recursive: true, force: true });
    this.tempDir = null;
    await this.source.close();
  }
}
