// OCI image layout (image-layout.md): `oci-layout`, `index.json`, `blobs/<alg>/<hex>`, as a
// directory or inside a tar (an "OCI archive"; Docker 25+ `docker save` writes one too).
import { parseDigest, sha256Of } from './digest.js';
import { readCapped, type FileStore } from './file-store.js';
import { ImageError } from './image-error.js';
import type { ImageSource } from './image-source.js';
import type { ImageLimits } from './limits.js';
import { resolveImage } from './manifest-resolve.js';
import type { Descriptor } from './oci-schemas.js';
import type { WantedPlatform } from './platform.js';

export function blobPath(digest: string, where: string): string {
  const parsed = parseDigest(digest, where);
  return `blobs/${parsed.algorithm}/${parsed.hex}`;
}

export async function isOciLayout(store: FileStore): Promise<boolean> {
  return (await store.size('index.json')) !== null;
}

export async function openOciLayout(
  store: FileStore,
  format: 'oci-layout' | 'oci-archive',
  platform: WantedPlatform | undefined,
  limits: ImageLimits,
): Promise<ImageSource> {
  const indexBytes = await readCapped(store, 'index.json', limits.maxManifestBytes, 'bad-manifest');
  const readBlob = async (descriptor: Descriptor, limit: number) => {
    const path = blobPath(descriptor.digest, `${store.name}`);
    const size = await store.size(path);
    if (size === null) throw new ImageError('not-found', `${path} in ${store.name}`, `blob ${descriptor.digest} is missing`);
    if (size !== descriptor.size) throw new ImageError('digest-mismatch', `${path} in ${store.name}`, `is ${size} bytes, the descriptor says ${descriptor.size}`);
    return readCapped(store, path, limit, 'bad-manifest');
  };
  const resolved = await resolveImage(
    { readManifest: async (descriptor, limit) => ({ bytes: await readBlob(descriptor, limit) }), readBlob },
    { bytes: indexBytes, mediaType: undefined, digest: sha256Of(indexBytes), where: `index.json in ${store.name}` },
    platform,
    limits,
  );
  const layers = resolved.manifest.layers.map((layer, index) => ({
    index,
    digest: layer.digest,
    diffId: resolved.config.rootfs.diff_ids[index] as string,
    size: layer.size,
    ...(layer.mediaType ? { mediaType: layer.mediaType } : {}),
  }));
  return {
    name: store.name,
    format,
    manifestDigest: resolved.manifestDigest,
    configDigest: resolved.configDigest,
    config: resolved.config,
    repoTags: [],
    layers,
    openLayer: async (index) => {
      const layer = layers[index];
      if (!layer) throw new ImageError('bad-manifest', store.name, `no layer ${index}`);
      return store.open(blobPath(layer.digest, store.name));
    },
    close: () => store.close(),
  };
}
