// One way from a stored layer blob to the uncompressed tar for every image format:
// blob digest check → compression sniffed from the first bytes → bounded decompression →
// diff_id check where there is no blob digest. Both checks fail the stream at its end, so a tampered layer is an error even
// though its bytes were streamed (analysers' results for it are then dropped with the scan).
import { pipeline, type Readable, type Transform } from 'node:stream';
import { BombGuard, decompressor, sniffCompression } from './decompress.js';
import { DigestCheck } from './digest.js';
import { ImageError } from './image-error.js';
import type { ImageSource, LayerInfo } from './image-source.js';
import type { ImageLimits } from './limits.js';

export function layerName(layer: LayerInfo): string {
  return `layer ${layer.index + 1} (${layer.digest ?? layer.diffId})`;
}

/** Waits for the first bytes without consuming them. */
function peek(stream: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const done = (result: Buffer | Error) => {
      stream.off('readable', onReadable);
      stream.off('end', onEnd);
      stream.off('error', onError);
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onReadable = () => {
      const chunk = stream.read() as Buffer | null;
      if (chunk === null) return;
      stream.unshift(chunk);
      done(chunk);
    };
    const onEnd = () => done(Buffer.alloc(0));
    const onError = (error: Error) => done(error);
    stream.on('readable', onReadable);
    stream.once('end', onEnd);
    stream.once('error', onError);
  });
}

export interface LayerTar {
  /** Uncompressed tar bytes. */
  readonly stream: Readable;
  /** Compressed and uncompressed byte counts, filled as the stream is read. */
  readonly guard: BombGuard;
}

export async function openLayerTar(source: ImageSource, layer: LayerInfo, limits: ImageLimits): Promise<LayerTar> {
  const where = layerName(layer);
  const raw = await source.openLayer(layer.index);
  let stored: Readable = raw;
  if (layer.digest) {
    const check = new DigestCheck(layer.digest, `${where} blob`);
    stored = pipeline(raw, check, () => {});
  }
  const head = await peek(stored).catch((error: unknown) => {
    throw asImageError(error, where);
  });
  const guard = new BombGuard(where, limits);
  const stages: Transform[] = [guard.counter(), decompressor(sniffCompression(head), where, limits), guard.limiter()];
  // The blob digest already pins the uncompressed bytes; hashing them again costs as much as
  // decompressing (sha256 runs near gunzip's speed), so the diff_id is checked only when the
  // archive gives no blob digest (legacy docker-archive, whose layer.tar is the diff itself).
  if (!layer.digest) stages.push(new DigestCheck(layer.diffId, `${where} uncompressed content (diff_id)`));
  const stream = pipeline(stored, ...(stages as [Transform, ...Transform[]]), () => {}) as unknown as Readable;
  return { stream, guard };
}

/** zlib and fs errors do not say which layer: name it. */
export function asImageError(error: unknown, where: string): ImageError {
  if (error instanceof ImageError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string })?.code ?? '';
  const kind = code.startsWith('Z_') ? 'bad-compression' : 'bad-archive';
  return new ImageError(kind, where, kind === 'bad-compression' ? `gzip: ${message} (truncated or corrupt layer)` : message, { cause: error });
}
