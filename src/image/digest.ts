// Content digests of the OCI image spec ("descriptor.md#digests"): algorithm:hex. Every blob read
// from an archive or a registry passes through a DigestCheck, so content that does not match what
// the manifest promised is an error, never silently analysed.
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { ImageError } from './image-error.js';

const HEX_LENGTH: Record<string, number> = { sha256: 64, sha512: 128 };

export interface Digest {
  readonly algorithm: 'sha256' | 'sha512';
  readonly hex: string;
}

export function parseDigest(value: string, where: string): Digest {
  const match = /^([a-z0-9]+):([a-f0-9]+)$/.exec(value);
  const algorithm = match?.[1];
  const hex = match?.[2];
  if (!algorithm || !hex || HEX_LENGTH[algorithm] !== hex.length) {
    throw new ImageError('bad-manifest', where, `"${value.slice(0, 140)}" is not a sha256 or sha512 digest`);
  }
  return { algorithm: algorithm as Digest['algorithm'], hex };
}

export function formatDigest(digest: Digest): string {
  return `${digest.algorithm}:${digest.hex}`;
}

export function sha256Of(data: Uint8Array): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

export function digestOf(data: Uint8Array, algorithm: Digest['algorithm']): string {
  return `${algorithm}:${createHash(algorithm).update(data).digest('hex')}`;
}

/** Throws unless `data` hashes to `expected`. */
export function verifyBytes(data: Uint8Array, expected: string, where: string): void {
  const digest = parseDigest(expected, where);
  const actual = digestOf(data, digest.algorithm);
  if (actual !== expected) {
    throw new ImageError('digest-mismatch', where, `content hashes to ${actual}, expected ${expected}`);
  }
}

/** Passes bytes through and fails at the end when they do not hash to `expected`. */
export class DigestCheck extends Transform {
  private readonly hash;
  private bytes = 0;

  constructor(
    private readonly expected: string,
    private readonly where: string,
  ) {
    super();
    this.hash = createHash(parseDigest(expected, where).algorithm);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    const actual = `${this.expected.slice(0, this.expected.indexOf(':'))}:${this.hash.digest('hex')}`;
    if (actual !== this.expected) {
      callback(new ImageError('digest-mismatch', this.where, `${this.bytes} bytes hash to ${actual}, expected ${this.expected}`));
      return;
    }
    callback();
  }
}
