// What every image reader (docker-archive, OCI layout/archive, registry) gives the image view:
// the parsed config and, per layer, a raw blob stream. layer-stream.ts turns a blob into a
// verified, decompressed tar stream the same way for all of them.
import type { Readable } from 'node:stream';
import type { ImageConfig } from './oci-schemas.js';

export interface LayerInfo {
  readonly index: number;
  /** Digest of the blob as stored or transferred; undefined in legacy docker-archives. */
  readonly digest?: string;
  /** Digest of the uncompressed tar (config rootfs.diff_ids). */
  readonly diffId: string;
  /** Stored size in bytes when known. */
  readonly size?: number;
  readonly mediaType?: string;
}

export interface ImageSource {
  /** What the user named: a reference or a file. */
  readonly name: string;
  /** "docker-archive" | "oci-archive" | "oci-layout" | "registry". */
  readonly format: string;
  /** Manifest digest when the image has one (OCI layouts, registries). */
  readonly manifestDigest?: string;
  /** Digest of the config blob: the image id. */
  readonly configDigest: string;
  readonly config: ImageConfig;
  readonly repoTags: readonly string[];
  readonly layers: readonly LayerInfo[];
  /** The blob of layer `index` as stored; layer-stream.ts verifies it. */
  openLayer(index: number): Promise<Readable>;
  close(): Promise<void>;
}
