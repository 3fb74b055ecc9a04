// Image references as `docker pull` reads them (distribution/reference): "alpine" is
// docker.io/library/alpine:latest; a first component with a dot, a colon or "localhost" is a
// registry host; "@sha256:…" pins a digest.
import { parseDigest } from './digest.js';
import { ImageError } from './image-error.js';

export interface ImageReference {
  /** Host and port used in URLs ("registry-1.docker.io" for Docker Hub). */
  readonly registry: string;
  /** The host as written or as credentials are stored ("docker.io"). */
  readonly registryName: string;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

export function parseReference(value: string): ImageReference {
  const where = `image reference "${value.slice(0, 200)}"`;
  if (value.length > 512 || value === '') throw new ImageError('bad-manifest', where, 'empty or too long');
  let rest = value;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    parseDigest(digest, where);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!/^[\w][\w.-]{0,127}$/.test(tag)) throw new ImageError('bad-manifest', where, `"${tag}" is not a valid tag`);
  }
  const parts = rest.split('/');
  let registryName = 'docker.io';
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registryName = first;
    parts.shift();
  }
  if (registryName === 'docker.io' && parts.length === 1) parts.unshift('library');
  for (const part of parts) {
    if (!COMPONENT.test(part)) throw new ImageError('bad-manifest', where, `"${part}" is not a valid repository name component`);
  }
  if (!tag && !digest) tag = 'latest';
  return {
    registry: registryName === 'docker.io' ? 'registry-1.docker.io' : registryName,
    registryName,
    repository: parts.join('/'),
    ...(tag ? { tag } : {}),
    ...(digest ? { digest } : {}),
  };
}

export function formatReference(reference: ImageReference): string {
  const name = `${reference.registryName}/${reference.repository}`;
  return `${name}${reference.tag ? `:${reference.tag}` : ''}${reference.digest ? `@${reference.digest}` : ''}`;
}
