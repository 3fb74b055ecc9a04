// An image straight from a registry: the tag's manifest (or index, then the chosen platform's
// manifest) and config are fetched and verified up front; layers stream on demand and are
// verified by layer-stream.ts as they pass.
import type { ImageSource } from './image-source.js';
import type { ImageLimits } from './limits.js';
import { resolveImage } from './manifest-resolve.js';
import { readBody } from './http-client.js';
import type { WantedPlatform } from './platform.js';
import { formatReference, type ImageReference } from './reference.js';
import { RegistryClient, type RegistryOptions } from './registry-client.js';
import { ImageError } from './image-error.js';

export async function openRegistryImage(reference: ImageReference, options: RegistryOptions & { platform?: WantedPlatform }): Promise<ImageSource> {
  const client = new RegistryClient(reference.registry, options);
  const { repository } = reference;
  const limits: ImageLimits = options.limits;
  const root = await client.getManifest(repository, reference.digest ?? reference.tag ?? 'latest');
  const resolved = await resolveImage(
    {
      readManifest: async (descriptor) => client.getManifest(repository, descriptor.digest),
      readBlob: async (descriptor, limit) => {
        const body = await client.getBlob(repository, descriptor.digest);
        return readBody({ status: 200, headers: {}, body }, limit, `blob ${descriptor.digest}`);
      },
    },
    { ...root, where: `manifest ${formatReference(reference)}` },
    options.platform,
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
    name: formatReference(reference),
    format: 'registry',
    manifestDigest: resolved.manifestDigest,
    configDigest: resolved.configDigest,
    config: resolved.config,
    repoTags: reference.tag ? [`${reference.registryName}/${repository}:${reference.tag}`] : [],
    layers,
    openLayer: async (index) => {
      const layer = layers[index];
      if (!layer) throw new ImageError('bad-manifest', formatReference(reference), `no layer ${index}`);
      return client.getBlob(repository, layer.digest);
    },
    close: async () => {},
  };
}
