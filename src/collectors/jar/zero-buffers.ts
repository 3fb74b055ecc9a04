// Zero-filled buffers lent to one collection's partial archive reads (zip-parts.ts) and taken
// back cleared only where they were written. A fresh zero-filled buffer per archive cost twice
// over: below glibc's mmap threshold calloc clears every byte (CPU) and the whole buffer is
// resident until V8 collects it, which it does late, as each counts its full size as external
// memory (measured here: 115 MB of dead archive buffers after the jars, 76 MB after the web
// frameworks). A few reused buffers bound that. Only archives up to MAX_POOLED_BYTES are lent
// one (a kept buffer is resident whole); the few larger ones are allocated each time as before.
// Made per collection: nothing is held between ticks.

/** Larger archives get a buffer of their own: keeping one would keep that much resident. */
export const MAX_POOLED_BYTES = 8 * 1024 * 1024;
/** Buffers kept for reuse at once: as many as archives read at once, and one more. */
const MAX_KEPT = 4;
const SMALLEST = 256 * 1024;

/** The next power of two: archives of similar sizes share buffers. */
function capacityFor(size: number): number {
  let capacity = SMALLEST;
  while (capacity < size) capacity *= 2;
  return capacity;
}

export interface LentBuffer {
  /** `size` zero bytes, to be written only through `write`. */
  readonly bytes: Buffer;
  write(source: Buffer, at: number): void;
}

export class ZeroBuffers {
  private readonly kept: Buffer[] = [];

  /** `poolUpTo` 0: every buffer is the caller's own, never reused nor cleared. */
  constructor(private readonly poolUpTo = MAX_POOLED_BYTES) {}

  /** A zero-filled buffer of `size` bytes, used inside `use` and taken back after it. */
  async with<T>(size: number, use: (lent: LentBuffer) => Promise<T>): Promise<T> {
    if (size > this.poolUpTo) {
      const bytes = Buffer.alloc(size);
      return use({ bytes, write: (source, at) => void source.copy(bytes, at) });
    }
    const whole = this.take(size);
    const written: [number, number][] = [];
    const bytes = whole.subarray(0, size);
    try {
      return await use({
        bytes,
        write: (source, at) => {
          const end = source.copy(bytes, at) + at;
          written.push([at, end]);
        },
      });
    } finally {
      for (const [start, end] of written) whole.fill(0, start, end);
      this.giveBack(whole);
    }
  }

  private take(size: number): Buffer {
    let best = -1;
    for (let i = 0; i < this.kept.length; i++) {
      const length = this.kept[i]!.length;
      if (length >= size && (best < 0 || length < this.kept[best]!.length)) best = i;
    }
    return best >= 0 ? this.kept.splice(best, 1)[0]! : Buffer.alloc(capacityFor(size));
  }

  private giveBack(buffer: Buffer): void {
    this.kept.push(buffer);
    if (this.kept.length > MAX_KEPT) {
      // The smallest goes: the large ones are the allocations worth sparing.
      this.kept.sort((a, b) => a.length - b.length).shift();
    }
  }
}
