// `--platform os/arch[/variant]` and the choice of one manifest from an index or manifest list
// (OCI image-index.md "platform"; Docker's manifest list). Without a wanted platform a single
// image is taken as is, and a multi-platform index picks this machine's linux platform.
import { ImageError } from './image-error.js';
import type { Descriptor, Platform } from './oci-schemas.js';

export interface WantedPlatform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}

export function parsePlatform(value: string): WantedPlatform {
  const [os, architecture, variant, extra] = value.split('/');
  if (!os || !architecture || extra !== undefined) {
    throw new ImageError('platform', '--platform', `"${value}" is not os/arch[/variant] (for example linux/amd64)`);
  }
  return variant ? { os, architecture, variant } : { os, architecture };
}

export function hostPlatform(): WantedPlatform {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch === 'ia32' ? '386' : process.arch;
  return { os: 'linux', architecture: arch };
}

export function formatPlatform(platform: Platform | WantedPlatform): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

function matches(platform: Platform | undefined, wanted: WantedPlatform): boolean {
  if (!platform) return false;
  if (platform.os !== wanted.os || platform.architecture !== wanted.architecture) return false;
  return wanted.variant === undefined || platform.variant === wanted.variant;
}

/** Picks the manifest for `wanted` (or the sole one); errors list what the index offers. */
export function chooseManifest(manifests: readonly Descriptor[], wanted: WantedPlatform | undefined, where: string): Descriptor {
  // BuildKit stores attestations as "unknown/unknown" entries: never images.
  const images = manifests.filter((entry) => entry.platform?.os !== 'unknown');
  if (images.length === 0) throw new ImageError('bad-manifest', where, 'the index lists no image manifest');
  const choose = wanted ?? (images.length === 1 ? undefined : hostPlatform());
  if (choose === undefined) return images[0] as Descriptor;
  const found = images.find((entry) => matches(entry.platform, choose));
  if (found) return found;
  if (!wanted && images.length === 1) return images[0] as Descriptor;
  const offered = images.map((entry) => (entry.platform ? formatPlatform(entry.platform) : 'unspecified')).join(', ');
  throw new ImageError('platform', where, `no image for ${formatPlatform(choose)}; the index offers ${offered} (choose one with --platform)`);
}
