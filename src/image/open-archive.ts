// `--input FILE|DIR`: a directory is an OCI layout; a file (gzipped or not) is a tar that holds
// either a docker-archive (manifest.json) or an OCI layout (index.json). Docker 25+ archives
// have both; the OCI index is preferred there because it carries digests.
import { stat } from 'node:fs/promises';
import { isDockerArchive, openDockerArchive } from './docker-archive.js';
import { DirStore } from './file-store.js';
import { ImageError } from './image-error.js';
import type { ImageSource } from './image-source.js';
import type { ImageLimits } from './limits.js';
import { isOciLayout, openOciLayout } from './oci-layout.js';
import type { WantedPlatform } from './platform.js';
import { TarStore } from './tar-store.js';

export interface ArchiveOptions {
  readonly platform?: WantedPlatform;
  /** For archives holding several images: the RepoTag to scan. */
  readonly tag?: string;
  readonly limits: ImageLimits;
}

export async function openImageInput(path: string, options: ArchiveOptions): Promise<ImageSource> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new ImageError('not-found', path, 'no such file or directory');
  if (info.isDirectory()) {
    const store = new DirStore(path);
    if (!(await isOciLayout(store))) throw new ImageError('bad-archive', path, 'directory is not an OCI image layout (no index.json)');
    return openOciLayout(store, 'oci-layout', options.platform, options.limits);
  }
  const store = await TarStore.open(path, options.limits);
  try {
    if (await isOciLayout(store)) {
      if (!options.tag || !(await isDockerArchive(store))) return await openOciLayout(store, 'oci-archive', options.platform, options.limits);
    }
    if (await isDockerArchive(store)) return await openDockerArchive(store, options.tag, options.limits);
    throw new ImageError('bad-archive', path, 'neither a docker-archive (manifest.json) nor an OCI archive (index.json)');
  } catch (error) {
    await store.close();
    throw error;
  }
}
