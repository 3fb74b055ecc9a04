// Everything the inventory learns from one Java archive, from one read of it: the jar itself
// (coordinates, SHA-1, nested and shaded jars: jar-inspector.ts) and the web frameworks it carries
// (frameworks/jar-frameworks.ts). The jars and webFrameworks collectors both answer from it, so a
// disk of a thousand jars is read once per run, not once per collector.
import { frameworksInArchive, type FrameworkHit } from '../frameworks/jar-frameworks.js';
import { inspectJar, type JarInspection } from './jar-inspector.js';

export interface ArchiveInspection extends JarInspection {
  /** The frameworks in the archive, or why its directory could not tell. */
  readonly frameworks: readonly FrameworkHit[] | { readonly error: string };
}

/**
 * Inspects the archive at `path` from `bytes`: the whole file, or (with `sha1`, the file's hash
 * computed while streaming it) only its directory and the entries jar-inspector reads, which
 * include the manifest the framework search needs.
 */
export function inspectArchive(bytes: Buffer, path: string, sha1?: string): ArchiveInspection {
  const jar = inspectJar(bytes, path, undefined, sha1);
  let frameworks: ArchiveInspection['frameworks'];
  try {
    frameworks = frameworksInArchive(bytes);
  } catch (error) {
    frameworks = { error: `archive not read: ${(error as Error).message}` };
  }
  return { ...jar, frameworks };
}
