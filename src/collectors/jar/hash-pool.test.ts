// The worker pool's digests against the main thread's for real files, several in flight on one
// worker, and null (not a throw) for what it cannot read, so the caller falls back to its view.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HashPool, hashWorkerCount } from './hash-pool.js';

let dir: string;
const files: Record<string, Buffer> = {};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'palisade-hash-pool-'));
  for (const [name, size] of [['empty', 0], ['small', 100], ['chunks', 3 * 1024 * 1024 + 17]] as const) {
    const bytes = Buffer.alloc(size);
    for (let i = 0; i < size; i++) bytes[i] = (i * 31 + size) & 0xff;
    writeFileSync(join(dir, name), bytes);
    files[name] = bytes;
  }
  symlinkSync(join(dir, 'small'), join(dir, 'link'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('HashPool', () => {
  it('answers each file with the SHA-1 the main thread computes, several in flight at once', async () => {
    const pool = new HashPool(1);
    try {
      const names = Object.keys(files);
      const digests = await Promise.all(names.map((name) => pool.sha1(join(dir, name))));
      expect(digests).toEqual(names.map((name) => createHash('sha1').update(files[name]!).digest('hex')));
    } finally {
      await pool.close();
    }
  });

  it('answers null for a missing file, a directory and a symlink, and keeps working', async () => {
    const pool = new HashPool(1);
    try {
      expect(await pool.sha1(join(dir, 'missing'))).toBeNull();
      expect(await pool.sha1(dir)).toBeNull();
      expect(await pool.sha1(join(dir, 'link'))).toBeNull();
      expect(await pool.sha1(join(dir, 'small'))).toBe(createHash('sha1').update(files['small']!).digest('hex'));
    } finally {
      await pool.close();
    }
  });

  it('sizes itself to the cores but one, at least one', () => {
    expect(hashWorkerCount()).toBeGreaterThanOrEqual(1);
  });
});
