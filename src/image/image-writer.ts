// Builds images from layer tars and writes them as an OCI layout directory, an OCI archive or a
// docker-archive, or pushes them to a registry: the same image in every form, so tests can check
// that every reader gives the same report. Layers are gzipped unless a compressor is given.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sha256Of } from './digest.js';
import { MediaTypes } from './oci-schemas.js';
import type { RegistryClient } from './registry-client.js';
import { writeTar, type TarInput } from './tar-writer.js';

export interface LayerBlob {
  readonly blob: Buffer;
  readonly mediaType: string;
}

export interface ImageRecipe {
  readonly layers: readonly Buffer[];
  /** Fields of the config's "config" object (User, Env, Cmd…). */
  readonly config?: Record<string, unknown>;
  readonly history?: readonly Record<string, unknown>[];
  readonly created?: string;
  readonly architecture?: string;
  readonly compress?: (tar: Buffer) => LayerBlob;
}

export interface BuiltImage {
  readonly config: Buffer;
  readonly configDigest: string;
  readonly layers: readonly { blob: Buffer; digest: string; diffId: string; mediaType: string; tar: Buffer }[];
  readonly manifest: Buffer;
  readonly manifestDigest: string;
}

export const gzipLayer = (tar: Buffer): LayerBlob => ({ blob: gzipSync(tar), mediaType: MediaTypes.ociLayerGzip });

export function buildImage(recipe: ImageRecipe): BuiltImage {
  const compress = recipe.compress ?? gzipLayer;
  const layers = recipe.layers.map((tar) => {
    const { blob, mediaType } = compress(tar);
    return { blob, digest: sha256Of(blob), diffId: sha256Of(tar), mediaType, tar };
  });
  const config = Buffer.from(
    JSON.stringify({
      architecture: recipe.architecture ?? 'amd64',
      os: 'linux',
      created: recipe.created ?? '2026-01-01T00:00:00Z',
      config: recipe.config ?? {},
      rootfs: { type: 'layers', diff_ids: layers.map((layer) => layer.diffId) },
      history: recipe.history ?? layers.map((_layer, index) => ({ created_by: `layer ${index + 1}` })),
    }),
  );
  const configDigest = sha256Of(config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaTypes.ociManifest,
      config: { mediaType: MediaTypes.ociConfig, digest: configDigest, size: config.length },
      layers: layers.map((layer) => ({ mediaType: layer.mediaType, digest: layer.digest, size: layer.blob.length })),
    }),
  );
  return { config, configDigest, layers, manifest, manifestDigest: sha256Of(manifest) };
}

function hex(digest: string): string {
  return digest.slice(digest.indexOf(':') + 1);
}

function ociLayoutEntries(image: BuiltImage): TarInput[] {
  const index = {
    schemaVersion: 2,
    mediaType: MediaTypes.ociIndex,
    manifests: [{ mediaType: MediaTypes.ociManifest, digest: image.manifestDigest, size: image.manifest.length }],
  };
  const blobs = [image.manifest, image.config, ...image.layers.map((layer) => layer.blob)];
  return [
    { name: 'oci-layout', data: JSON.stringify({ imageLayoutVersion: '1.0.0' }) },
    { name: 'index.json', data: JSON.stringify(index) },
    { name: 'blobs/', type: 'dir' },
    { name: 'blobs/sha256/', type: 'dir' },
    ...blobs.map((blob) => ({ name: `blobs/sha256/${hex(sha256Of(blob))}`, data: blob })),
  ];
}

export async function writeOciLayout(dir: string, image: BuiltImage): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const entry of ociLayoutEntries(image)) {
    const path = join(dir, entry.name);
    if (entry.type === 'dir') await mkdir(path, { recursive: true });
    else await writeFile(path, entry.data ?? '');
  }
}

export async function writeOciArchive(file: string, image: BuiltImage): Promise<void> {
  await writeFile(file, writeTar(ociLayoutEntries(image)));
}

/** Legacy `docker save` layout: `<diff_id hex>/layer.tar` (uncompressed), `<config hex>.json`, manifest.json. */
export function dockerArchiveTar(image: BuiltImage, repoTag: string): Buffer {
  const configName = `${hex(image.configDigest)}.json`;
  const layerNames = image.layers.map((layer) => `${hex(layer.diffId)}/layer.tar`);
  return writeTar([
    { name: configName, data: image.config },
    ...image.layers.map((layer, index) => ({ name: layerNames[index] as string, data: layer.tar })),
    { name: 'manifest.json', data: JSON.stringify([{ Config: configName, RepoTags: [repoTag], Layers: layerNames }]) },
  ]);
}

export async function writeDockerArchive(file: string, image: BuiltImage, repoTag: string): Promise<void> {
  await writeFile(file, dockerArchiveTar(image, repoTag));
}

export async function pushImage(client: RegistryClient, repository: string, tag: string, image: BuiltImage): Promise<string> {
  for (const layer of image.layers) await client.putBlob(repository, layer.blob);
  await client.putBlob(repository, image.config);
  return client.putManifest(repository, tag, image.manifest, MediaTypes.ociManifest);
}
