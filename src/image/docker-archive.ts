// `docker save` archives: manifest.json names the config file and the layer tars in order
// (moby image/tarexport). Legacy archives keep `<id>/layer.tar` uncompressed, so each layer is
// checked against the config's diff_id; Docker 25+ archives are also OCI layouts (oci-layout.ts).
import { sha256Of } from './digest.js';
import { readCapped, storePath, type FileStore } from './file-store.js';
import { ImageError } from './image-error.js';
import type { ImageSource, LayerInfo } from './image-source.js';
import type { ImageLimits } from './limits.js';
import { DockerArchiveManifest, ImageConfig, parseJsonAs } from './oci-schemas.js';

export async function isDockerArchive(store: FileStore): Promise<boolean> {
  return (await store.size('manifest.json')) !== null;
}

export async function openDockerArchive(store: FileStore, tag: string | undefined, limits: ImageLimits): Promise<ImageSource> {
  const where = `manifest.json in ${store.name}`;
  const manifests = parseJsonAs(DockerArchiveManifest, await readCapped(store, 'manifest.json', limits.maxManifestBytes, 'bad-manifest'), where, 'bad-manifest');
  if (manifests.length === 0) throw new ImageError('bad-manifest', where, 'lists no image');
  const entry = tag ? manifests.find((item) => item.RepoTags?.includes(tag)) : manifests[0];
  if (!entry) {
    const tags = manifests.flatMap((item) => item.RepoTags ?? []).join(', ');
    throw new ImageError('not-found', where, `no image tagged ${tag}; the archive holds ${tags || 'untagged images'}`);
  }
  if (!tag && manifests.length > 1) {
    // Several images in one archive: the first is scanned; saying so avoids a silent surprise.
    process.emitWarning(`${store.name} holds ${manifests.length} images; scanning the first (${entry.RepoTags?.[0] ?? entry.Config})`);
  }
  const configPath = storePath(entry.Config, where);
  const configBytes = await readCapped(store, configPath, limits.maxConfigBytes, 'bad-config');
  const config = parseJsonAs(ImageConfig, configBytes, `${configPath} in ${store.name}`, 'bad-config');
  if (config.rootfs.diff_ids.length !== entry.Layers.length) {
    throw new ImageError('bad-manifest', where, `${entry.Layers.length} layers but the config lists ${config.rootfs.diff_ids.length} diff_ids`);
  }
  const paths = entry.Layers.map((path) => storePath(path, where));
  const layers: LayerInfo[] = [];
  for (const [index, path] of paths.entries()) {
    const size = await store.size(path);
    if (size === null) throw new ImageError('not-found', where, `layer file ${path} is missing from the archive`);
    layers.push({ index, diffId: config.rootfs.diff_ids[index] as string, size });
  }
  return {
    name: store.name,
    format: 'docker-archive',
    configDigest: sha256Of(configBytes),
    config,
    repoTags: entry.RepoTags ?? [],
    layers,
    openLayer: async (index) => {
      const path = paths[index];
      if (path === undefined) throw new ImageError('bad-manifest', where, `no layer ${index}`);
      return store.open(path);
    },
    close: () => store.close(),
  };
}
