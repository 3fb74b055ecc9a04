// SHA-256 of process executables. Many processes share one binary (every postgres backend), and
// the agent lists processes often, so digests are cached by the file's identity: the path the
// kernel reports plus size and mtime (an upgrade replaces the file and changes both). The bytes
// are read through /proc/PID/exe, which reaches the binary even inside a container's mount
// namespace or after it was deleted on disk.
import { createHash } from 'node:crypto';
import { NotVisibleError, type SystemView } from '../../view/system-view.js';

/** Executables larger than this are not hashed (the read would hold them in memory whole). */
export const MAX_HASHED_EXE_BYTES = 256 * 1024 * 1024;
const MAX_CACHE_ENTRIES = 4096;

export type ExeDigest = { readonly sha256: string } | { readonly sha256: null; readonly reason: 'gone' | 'not visible' | 'too large' };

export class ExeHasher {
  private readonly cache = new Map<string, string>();

  async digest(view: SystemView, pid: number, exePath: string): Promise<ExeDigest> {
    const link = `/proc/${pid}/exe`;
    try {
      const stat = await view.stat(link);
      if (!stat || stat.type !== 'file') return { sha256: null, reason: 'gone' };
      if (stat.size > MAX_HASHED_EXE_BYTES) return { sha256: null, reason: 'too large' };
      const key = `${exePath}\0${stat.size}\0${stat.mtimeMs}`;
      const cached = this.cache.get(key);
      if (cached) return { sha256: cached };
      const bytes = await view.readFile(link, { maxBytes: MAX_HASHED_EXE_BYTES });
      if (!bytes) return { sha256: null, reason: 'gone' };
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      if (this.cache.size >= MAX_CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(key, sha256);
      return { sha256 };
    } catch (error) {
      if (error instanceof NotVisibleError) return { sha256: null, reason: 'not visible' };
      throw error;
    }
  }
}
