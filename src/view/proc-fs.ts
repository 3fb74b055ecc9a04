// Synchronous reads of the kernel's own files under /proc of the live host. Each of these files
// is made by the kernel when read and answers in microseconds, never from a disk; through the
// thread pool, the same read is five round trips (open, fstat, read, read, close), which made
// listing 85 processes take 57-78 ms where ps takes 14-19 (the collector timed beside ps).
//
// Not for files that read a process's memory (cmdline, environ, mem, maps…): those wait on the
// process's memory-map lock, which a process stuck in the kernel can hold for as long as it is
// stuck ("ps hangs"). They stay asynchronous, on the thread pool, off the agent's event loop.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { isDenied, isMissing } from './fs-view.js';
import { NotVisibleError } from './system-view.js';

/** Files that read the process's address space: refused here, read through the view instead. */
const READS_PROCESS_MEMORY = /\/(cmdline|environ|mem|maps|smaps|smaps_rollup|numa_maps|pagemap|auxv|stack|syscall|wchan)$/;

export interface ProcFs {
  /** Text of a /proc file; null when missing (the process exited). Throws NotVisibleError when denied. */
  readText(path: string): string | null;
  /** Target of a /proc link (exe, fd/N, ns/*); null when missing. Throws NotVisibleError when denied. */
  readLink(path: string): string | null;
  /** Names in a /proc directory, unsorted; null when missing. Throws NotVisibleError when denied. */
  readDir(path: string): string[] | null;
}

function checked(path: string): string {
  if (path !== '/proc' && !path.startsWith('/proc/')) throw new TypeError(`procfs reads only /proc, got ${path}`);
  if (READS_PROCESS_MEMORY.test(path)) throw new TypeError(`${path} reads a process's memory and can block: read it through the view`);
  return path;
}

function guarded<T>(path: string, read: () => T): T | null {
  try {
    return read();
  } catch (error) {
    // Missing covers ESRCH, a process that died between the open and the read; EINVAL is a
    // readlink of something that is not a link.
    if (isMissing(error) || (error as NodeJS.ErrnoException).code === 'EINVAL') return null;
    if (isDenied(error)) throw new NotVisibleError(path, error);
    throw error;
  }
}

export const hostProcFs: ProcFs = {
  readText: (path) => guarded(checked(path), () => readFileSync(path, 'utf8')),
  readLink: (path) => guarded(checked(path), () => readlinkSync(path)),
  readDir: (path) => guarded(checked(path), () => readdirSync(path)),
};
