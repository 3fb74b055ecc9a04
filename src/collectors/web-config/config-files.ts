// What the nginx and Apache readers share: reading a configuration file through the view and
// expanding an include pattern ("sites-enabled/*", "conf.d/*.conf") to the files it names, in
// name order, as both servers do (glob(3) sorts). Only "*", "?" and "[...]" are understood.
import type { SystemView } from '../../view/system-view.js';

export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;
/** Beyond this many files one configuration is refusing to end (an include cycle through globs, say). */
export const MAX_CONFIG_FILES = 2000;
export const MAX_INCLUDE_DEPTH = 16;

export interface ConfigWarning {
  readonly path: string;
  readonly message: string;
}

export function joinPath(base: string, path: string): string {
  if (path.startsWith('/')) return path;
  return `${base.replace(/\/+$/, '')}/${path}`;
}

export function dirName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (const char of pattern) {
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '[' || char === ']') source += char;
    else source += char.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  try {
    return new RegExp(`^${source}$`);
  } catch {
    return /^(?!)$/; // a malformed bracket expression matches nothing
  }
}

/** Files (sorted) an absolute include pattern names; wildcards may appear in any component. */
export async function expandInclude(view: SystemView, pattern: string): Promise<string[]> {
  if (!/[*?[]/.test(pattern)) return [pattern];
  let current = ['/'];
  const parts = pattern.split('/').filter((part) => part !== '');
  for (const part of parts) {
    const next: string[] = [];
    for (const dir of current) {
      if (!/[*?[]/.test(part)) {
        next.push(joinPath(dir, part));
        continue;
      }
      const names = (await view.readDir(dir).catch(() => null)) ?? [];
      const matcher = globToRegExp(part);
      // glob(3) leaves hidden files out unless the pattern starts with a dot.
      for (const name of names) if (matcher.test(name) && (part.startsWith('.') || !name.startsWith('.'))) next.push(joinPath(dir, name));
    }
    current = next;
  }
  const files: string[] = [];
  for (const path of current) {
    const stat = await view.stat(path).catch(() => null);
    if (stat?.type === 'file') files.push(path);
  }
  return files.sort();
}

/** A configuration file's text; null with a warning when it cannot be read or is not text. */
export async function readConfigFile(view: SystemView, path: string, warnings: ConfigWarning[]): Promise<string | null> {
  try {
    const bytes = await view.readFile(path, { maxBytes: MAX_CONFIG_BYTES + 1 });
    if (bytes === null) return null;
    if (bytes.length > MAX_CONFIG_BYTES) warnings.push({ path, message: `larger than ${MAX_CONFIG_BYTES} bytes: only the start was read` });
    if (bytes.includes(0)) {
      warnings.push({ path, message: 'binary content where a configuration file was expected: skipped' });
      return null;
    }
    return bytes.subarray(0, MAX_CONFIG_BYTES).toString('utf8');
  } catch (error) {
    warnings.push({ path, message: `cannot read: ${(error as Error).message}` });
    return null;
  }
}
