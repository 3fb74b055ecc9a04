// Layers come gzip-, zstd- or un-compressed; the media type may lie (docker-archive has none), so
// the first bytes decide. Output is bounded in size and ratio: a decompression bomb is an error
// after at most maxLayerBytes of work, never a full disk or an endless loop.
import { Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress } from 'fzstd';
import { ImageError } from './image-error.js';
import type { ImageLimits } from './limits.js';

export type Compression = 'gzip' | 'zstd' | 'none';

export function sniffCompression(head: Uint8Array): Compression {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  return 'none';
}

/**
 * Window size a zstd frame header asks for (RFC 8878 §3.1.1.1.2), or null when the header is not
 * complete in `head`. The decoder allocates it, so it is checked before any decoding.
 */
export function zstdWindowSize(head: Uint8Array): number | null {
  const descriptor = head[4];
  if (descriptor === undefined) return null;
  const singleSegment = (descriptor >> 5) & 1;
  if (!singleSegment) {
    const windowDescriptor = head[5];
    if (windowDescriptor === undefined) return null;
    const exponent = windowDescriptor >> 3;
    const base = 2 ** (10 + exponent);
    return base + (base / 8) * (windowDescriptor & 7);
  }
  // Single segment: the window is the frame content size, stored after the optional dictionary id.
  const dictionaryIdBytes = [0, 1, 2, 4][descriptor & 3] ?? 0;
  const sizeBytes = [1, 2, 4, 8][descriptor >> 6] ?? 1;
  const offset = 5 + dictionaryIdBytes;
  if (head.length < offset + sizeBytes) return null;
  let size = 0;
  for (let index = sizeBytes - 1; index >= 0; index -= 1) size = size * 256 + (head[offset + index] ?? 0);
  return sizeBytes === 2 ? size + 256 : size;
}

class ZstdDecode extends Transform {
  private readonly decoder: Decompress;
  private ended = false;
  private checkedWindow = false;
  private head = Buffer.alloc(0);

  constructor(
    private readonly where: string,
    private readonly maxWindow: number,
  ) {
    super();
    this.decoder = new Decompress((data, final) => {
      if (data.length > 0) this.push(Buffer.from(data.buffer, data.byteOffset, data.length));
      if (final) this.ended = true;
    });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      if (!this.checkedWindow) {
        this.head = Buffer.concat([this.head, chunk]);
        const window = zstdWindowSize(this.head);
        if (window === null && this.head.length < 18) return callback();
        this.checkedWindow = true;
        if (window !== null && window > this.maxWindow) {
          return callback(new ImageError('bad-compression', this.where, `zstd frame asks for a ${window} byte window (limit ${this.maxWindow})`));
        }
        chunk = this.head;
      }
      this.decoder.push(chunk);
      callback();
    } catch (error) {
      callback(new ImageError('bad-compression', this.where, `invalid zstd data: ${(error as Error).message}`, { cause: error }));
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      if (!this.checkedWindow && this.head.length > 0) this.decoder.push(this.head);
      this.decoder.push(new Uint8Array(0), true);
    } catch (error) {
      return callback(new ImageError('bad-compression', this.where, `truncated or invalid zstd data: ${(error as Error).message}`, { cause: error }));
    }
    if (!this.ended) return callback(new ImageError('bad-compression', this.where, 'truncated zstd data'));
    callback();
  }
}

/** Counts what goes in and what comes out of a decompressor and stops a bomb. */
export class BombGuard {
  compressedBytes = 0;
  outputBytes = 0;

  constructor(
    private readonly where: string,
    private readonly limits: ImageLimits,
  ) {}

  /** Placed before the decompressor. */
  counter(): Transform {
    return new Transform({
      transform: (chunk: Buffer, _encoding, callback) => {
        this.compressedBytes += chunk.length;
        callback(null, chunk);
      },
    });
  }

  /** Placed after the decompressor. */
  limiter(): Transform {
    return new Transform({
      transform: (chunk: Buffer, _encoding, callback) => {
        this.outputBytes += chunk.length;
        const { maxLayerBytes, maxCompressionRatio, ratioGraceBytes } = this.limits;
        if (this.outputBytes > maxLayerBytes) {
          return callback(new ImageError('too-large', this.where, `decompresses to more than ${maxLayerBytes} bytes (limit)`));
        }
        if (this.outputBytes > ratioGraceBytes && this.outputBytes > maxCompressionRatio * Math.max(1, this.compressedBytes)) {
          return callback(
            new ImageError('too-large', this.where, `decompression ratio above ${maxCompressionRatio}:1 (${this.compressedBytes} bytes gave ${this.outputBytes}): refusing a decompression bomb`),
          );
        }
        callback(null, chunk);
      },
    });
  }
}

/** zlib errors are plain Errors; the layer stream wraps them with the layer's name (layer-stream.ts). */
export function decompressor(kind: Compression, where: string, limits: ImageLimits): Transform {
  if (kind === 'gzip') return createGunzip({ chunkSize: 128 * 1024 });
  if (kind === 'zstd') return new ZstdDecode(where, limits.maxZstdWindowBytes);
  return new Transform({ transform: (chunk: Buffer, _e, callback) => callback(null, chunk) });
}
