// Names inside layer tars become absolute paths inside the image. A name that is absolute or
// climbs out with ".." is how a hostile layer writes outside its root (the "zip slip" family), so
// such a layer is refused with an error naming the entry, never normalised away silently.
import { ImageError } from './image-error.js';

/** "./usr/bin/" → "/usr/bin"; "." → "/". Throws for absolute names and escapes. */
export function imagePathOf(name: string, where: string): string {
  if (name.startsWith('/')) throw new ImageError('unsafe-path', where, `entry "${name.slice(0, 200)}" has an absolute path`);
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) throw new ImageError('unsafe-path', where, `entry "${name.slice(0, 200)}" escapes the image root with ".."`);
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** Parent directory of an absolute image path ("/" for "/x"). */
export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

export function baseNameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
