// Every regular file of a view with its bytes, for the scanners that read everything (secrets,
// malware). Pseudo filesystems of a live system are skipped; files over the size cap are counted
// and not read; a file the view may not read becomes a warning and the walk goes on.
import type { ScanContext } from './scanner.js';
import type { SystemView } from '../view/system-view.js';

/** Kernel and device trees: not files anyone stored, and reading them can block or never end. */
const LIVE_PSEUDO_DIRS = ['/proc', '/sys', '/dev', '/run/user'];

export interface RegularFile {
  readonly path: string;
  readonly bytes: Buffer;
}

export interface WalkCounts {
  files: number;
  tooLarge: number;
  unreadable: number;
}

export async function* regularFiles(
  view: SystemView,
  context: ScanContext,
  source: string,
  maxFileBytes: number,
  counts: WalkCounts,
): AsyncGenerator<RegularFile> {
  const skipDir = view.live ? (path: string) => LIVE_PSEUDO_DIRS.includes(path) : undefined;
  for await (const entry of view.walk('/', { skipDir })) {
    if (entry.type !== 'file') continue;
    if (entry.size > maxFileBytes) {
      counts.tooLarge++;
      continue;
    }
    let bytes: Buffer | null;
    try {
      bytes = await view.readFile(entry.path, { maxBytes: maxFileBytes });
    } catch (error) {
      counts.unreadable++;
      context.warn({ source, path: entry.path, message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    if (bytes === null) continue;
    counts.files++;
    yield { path: entry.path, bytes };
  }
}

/** A number option (`--secret-max-file-bytes`), falling back when absent or not a number. */
export function numberOption(options: Readonly<Record<string, unknown>>, name: string, fallback: number): number {
  const value = options[name];
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : fallback;
}

/** A list-of-files option given once (string) or repeatedly (string[]). */
export function listOption(options: Readonly<Record<string, unknown>>, name: string): string[] {
  const value = options[name];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
