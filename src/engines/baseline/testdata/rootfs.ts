// Builds a root filesystem fixture in a temporary directory: paths inside the rootfs → content
// (a string), or { dir: true } for an empty directory, with an optional mode.
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export type FixtureEntry = string | { readonly content?: string; readonly dir?: true; readonly mode?: number };

export async function makeRootfs(entries: Readonly<Record<string, FixtureEntry>>): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'palisade-baseline-'));
  for (const [path, entry] of Object.entries(entries)) {
    const target = join(root, path);
    const spec = typeof entry === 'string' ? { content: entry } : entry;
    if (spec.dir) {
      await mkdir(target, { recursive: true });
    } else {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, spec.content ?? '');
    }
    if (spec.mode !== undefined) await chmod(target, spec.mode);
  }
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}
