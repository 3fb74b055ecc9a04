// From a root document (index.json, a tag's manifest) down to one image manifest and its config,
// the same for OCI layouts and registries: indexes are followed (nested ones too, a few deep),
// every manifest and config is read within its size cap and checked against its digest.
import { verifyBytes } from './digest.js';
import { ImageError } from './image-error.js';
import type { ImageLimits } from './limits.js';
import { ImageConfig, ImageIndex, ImageManifest, indexMediaTypes, manifestMediaTypes, parseJsonAs, type Descriptor } from './oci-schemas.js';
import { chooseManifest, type WantedPlatform } from './platform.js';

export interface ManifestReader {
  /** Manifest or index bytes for `digest` (registry: /manifests/; layout: blobs/). Caller verifies. */
  readManifest(descriptor: Descriptor, limit: number): Promise<{ bytes: Buffer; mediaType?: string }>;
  /** Config blob bytes. Caller verifies. */
  readBlob(descriptor: Descriptor, limit: number): Promise<Buffer>;
}

export interface ResolvedImage {
  readonly manifestDigest: string;
  readonly manifest: ImageManifest;
  readonly configDigest: string;
  readonly config: ImageConfig;
}

type DocumentKind = 'index' | 'manifest';

export function documentKind(bytes: Buffer, mediaType: string | undefined, where: string): DocumentKind {
  let declared = mediaType;
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as { mediaType?: unknown; manifests?: unknown; layers?: unknown };
    if (typeof parsed.mediaType === 'string') declared = parsed.mediaType;
    if (declared && indexMediaTypes.includes(declared)) return 'index';
    if (declared && manifestMediaTypes.includes(declared)) return 'manifest';
    if (Array.isArray(parsed.manifests)) return 'index';
    if (Array.isArray(parsed.layers)) return 'manifest';
  } catch {
    throw new ImageError('bad-manifest', where, 'not valid JSON');
  }
  throw new ImageError('bad-manifest', where, `unsupported manifest type ${declared ?? '(none)'} (schema 1 manifests are not supported)`);
}

export async function resolveImage(
  reader: ManifestReader,
  root: { bytes: Buffer; mediaType?: string; digest: string; where: string },
  platform: WantedPlatform | undefined,
  limits: ImageLimits,
): Promise<ResolvedImage> {
  let current = root;
  for (let depth = 0; depth < 4; depth += 1) {
    const kind = documentKind(current.bytes, current.mediaType, current.where);
    if (kind === 'manifest') {
      const manifest = parseJsonAs(ImageManifest, current.bytes, current.where, 'bad-manifest');
      const configWhere = `config ${manifest.config.digest}`;
      if (manifest.config.size > limits.maxConfigBytes) {
        throw new ImageError('too-large', configWhere, `${manifest.config.size} bytes is over the ${limits.maxConfigBytes} byte limit`);
      }
      const configBytes = await reader.readBlob(manifest.config, limits.maxConfigBytes);
      verifyBytes(configBytes, manifest.config.digest, configWhere);
      const config = parseJsonAs(ImageConfig, configBytes, configWhere, 'bad-config');
      if (config.rootfs.diff_ids.length !== manifest.layers.length) {
        throw new ImageError('bad-manifest', current.where, `${manifest.layers.length} layers but the config lists ${config.rootfs.diff_ids.length} diff_ids`);
      }
      return { manifestDigest: current.digest, manifest, configDigest: manifest.config.digest, config };
    }
    const index = parseJsonAs(ImageIndex, current.bytes, current.where, 'bad-manifest');
    const chosen = chooseManifest(index.manifests, platform, current.where);
    const where = `manifest ${chosen.digest}`;
    if (chosen.size > limits.maxManifestBytes) throw new ImageError('too-large', where, `${chosen.size} bytes is over the ${limits.maxManifestBytes} byte limit`);
    const next = await reader.readManifest(chosen, limits.maxManifestBytes);
    verifyBytes(next.bytes, chosen.digest, where);
    current = { bytes: next.bytes, mediaType: next.mediaType ?? chosen.mediaType, digest: chosen.digest, where };
  }
  throw new ImageError('bad-manifest', root.where, 'indexes nested more than 4 deep');
}
