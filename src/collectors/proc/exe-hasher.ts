// SHA-256 of process executables. Many processes share one binary (every postgres backend), and
// the agent lists processes often, so digests are cached by the file's identity: the path the
// kernel reports plus size and mtime (an upgrade replaces the file and changes both). The bytes
// are read through /proc/PID/exe, which reaches the binary even inside a container's mount
// namespace or after it was deleted on disk, and streamed (readChunked) so memory stays small.
import { createHash } from 'node:crypto';
import { NotVisibleError, type SystemView } from '../../view/system-view.js';

/** Without streaming reads (readChunked), larger executables are not hashed: they would be held in memory whole. */
export const MAX_HASHED_EXE_BYTES = 256 * 1024 * 1024;
const MAX_CACHE_ENTRIES = 4096;

export type ExeDigest = { readonly sha256: string } | { readonly sha256: null; readonly reason: 'gone' | 'not visible' | 'too large' };

async function sha256Of(view: SystemView, path: string, size: number): Promise<string | null> {
  const hash = createHash('sha256');
  if (view.readChunked) return (await view.readChunked(path, (chunk) => hash.update(chunk))) ? hash.digest('hex') : null;
  if (size > MAX_HASHED_EXE_BYTES) return null;
  const bytes = await view.readFile(path, { maxBytes: MAX_HASHED_EXE_BYTES });
  return bytes ? hash.update(bytes).digest('hex') : null;
}

export class ExeHasher {
  private readonly cache = new Map<string, string>();

  async digest(view: SystemView, pid: number, exePath: string): Promise<ExeDigest> {
    const link = `/proc/${pid}/exe`;
    try {
      const stat = await view.stat(link);
      if (!stat || stat.type !== 'file') return { sha256: null, reason: 'gone' };
      if (!view.readChunked && stat.size > MAX_HASHED_EXE_BYTES) return { sha256: null, reason: 'too large' };
      const key = `${exePath}\0${stat.size}\0${stat.mtimeMs}`;
      const cached = this.cache.get(key);
      if (cached) return { sha256: cached };
      const sha256 = await sha256Of(view, link, stat.size);
      if (!sha256) return { sha256: null, reason: 'gone' };
      if (this.cache.size >= MAX_CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(key, sha256);
      return { sha256 };
    } catch (error) {
      if (error instanceof NotVisibleError) return { sha256: null, reason: 'not visible' };
      throw error;
    }
  }
}
