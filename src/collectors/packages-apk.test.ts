import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apkPackages } from './packages-apk.js';
import { buildRootfs, unpackAlpineRootfs, type Rootfs } from './rootfs-fixture.js';

const now = () => new Date('2026-01-01T00:00:00Z');

describe('apk packages', () => {
  let alpine: Rootfs;
  beforeAll(async () => {
    alpine = await unpackAlpineRootfs();
  });
  afterAll(async () => {
    await alpine.remove();
  });

  it('lists the packages of the real alpine:3.10 image with their origin', async () => {
    const { items, warnings } = await apkPackages.collect(alpine.view, { now });
    expect(warnings).toEqual([]);
    const byName = new Map(items.map((p) => [p.name, p]));
    expect(byName.get('musl')).toMatchObject({ version: '1.1.22-r3', architecture: 'x86_64', sourceName: 'musl', format: 'apk' });
    expect(byName.get('libssl1.1')).toEqual({
      name: 'libssl1.1',
      version: '1.1.1d-r2',
      architecture: 'x86_64',
      sourceName: 'openssl',
      sourceVersion: '1.1.1d-r2',
      format: 'apk',
      database: '/lib/apk/db/installed',
    });
    expect(byName.get('busybox')?.version).toBe('1.30.1-r3');
    expect(byName.get('apk-tools')?.version).toBe('2.10.4-r2');
    expect(items.length).toBe(14);
  });

  it('warns about a truncated entry and garbage lines, keeping the good packages', async () => {
    const rootfs = await buildRootfs({
      'lib/apk/db/installed': 'C:Q1abc=\nP:zlib\nV:1.2.11-r1\nA:x86_64\no:zlib\n\ngarbage without a colon\nP:cut-short\nA:x86',
    });
    try {
      const { items, warnings } = await apkPackages.collect(rootfs.view, { now });
      expect(items.map((p) => `${p.name} ${p.version}`)).toEqual(['zlib 1.2.11-r1']);
      expect(warnings.map((w) => w.message)).toEqual(['line 7: not a "X:value" line', 'package at line 7: no V: line, skipped']);
    } finally {
      await rootfs.remove();
    }
  });
});
