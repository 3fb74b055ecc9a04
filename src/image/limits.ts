// Caps that keep a hostile image or registry from exhausting memory, disk or time (DESIGN.md
// "Conventions"). Every reader takes these; tests lower them to hit each cap cheaply.
export interface ImageLimits {
  /** Manifests, indexes, manifest.json and index.json are JSON read whole: cap them. */
  readonly maxManifestBytes: number;
  /** The image config is JSON read whole as well (history can be long, not megabytes). */
  readonly maxConfigBytes: number;
  /** Uncompressed bytes of one layer. */
  readonly maxLayerBytes: number;
  /** Uncompressed/compressed ratio allowed once past ratioGraceBytes (a decompression bomb). */
  readonly maxCompressionRatio: number;
  readonly ratioGraceBytes: number;
  /** Entries in one layer tar (a tar of millions of empty files is a bomb too). */
  readonly maxEntriesPerLayer: number;
  /** PAX and GNU long-name records are read into memory. */
  readonly maxTarHeaderBytes: number;
  /** A zstd frame asking for a window larger than this is refused (zstd's own default is 128 MiB). */
  readonly maxZstdWindowBytes: number;
}

export const defaultImageLimits: ImageLimits = {
  maxManifestBytes: 4 * 1024 * 1024,
  maxConfigBytes: 8 * 1024 * 1024,
  maxLayerBytes: 16 * 1024 * 1024 * 1024,
  maxCompressionRatio: 200,
  ratioGraceBytes: 32 * 1024 * 1024,
  maxEntriesPerLayer: 1_000_000,
  maxTarHeaderBytes: 1024 * 1024,
  maxZstdWindowBytes: 128 * 1024 * 1024,
};

export function withLimits(overrides?: Partial<ImageLimits>): ImageLimits {
  return { ...defaultImageLimits, ...overrides };
}
