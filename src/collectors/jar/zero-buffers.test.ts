// Lent buffers are zero wherever the borrower did not write, however they were used before, and
// two borrowers at once never share one.
import { describe, expect, it } from 'vitest';
import { MAX_POOLED_BYTES, ZeroBuffers } from './zero-buffers.js';

const allZero = (bytes: Buffer) => bytes.every((byte) => byte === 0);

describe('ZeroBuffers', () => {
  it('lends a reused buffer zeroed where the last borrower wrote', async () => {
    const buffers = new ZeroBuffers();
    let first: ArrayBuffer | null = null;
    await buffers.with(600_000, async (lent) => {
      first = lent.bytes.buffer;
      lent.write(Buffer.alloc(1000, 0xab), 0);
      lent.write(Buffer.alloc(5000, 0xcd), 590_000);
    });
    await buffers.with(500_000, async (lent) => {
      expect(lent.bytes.buffer).toBe(first); // the same memory, reused
      expect(lent.bytes.length).toBe(500_000);
      expect(allZero(lent.bytes)).toBe(true);
    });
    // The part past the smaller borrower's length, written by the first, is zero too.
    await buffers.with(600_000, async (lent) => expect(allZero(lent.bytes)).toBe(true));
  });

  it('gives borrowers at once different buffers, and clears after a borrower throws', async () => {
    const buffers = new ZeroBuffers();
    await buffers.with(300_000, async (a) => {
      await buffers.with(300_000, async (b) => {
        expect(a.bytes.buffer).not.toBe(b.bytes.buffer);
      });
    });
    await expect(
      buffers.with(300_000, async (lent) => {
        lent.write(Buffer.alloc(10, 1), 100);
        throw new Error('inspection failed');
      }),
    ).rejects.toThrow('inspection failed');
    await buffers.with(300_000, async (lent) => expect(allZero(lent.bytes)).toBe(true));
  });

  it('lends archives above the pooled size a buffer of their own, never reused', async () => {
    const buffers = new ZeroBuffers();
    const seen: ArrayBuffer[] = [];
    for (let i = 0; i < 2; i++) await buffers.with(MAX_POOLED_BYTES + 1, async (lent) => void seen.push(lent.bytes.buffer as ArrayBuffer));
    expect(seen[0]).not.toBe(seen[1]);
  });
});
