import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { buildImage, writeOciLayout } from '../image/image-writer.js';
import { withLimits } from '../image/limits.js';
import { openImageInput } from '../image/open-archive.js';
import { defaultNeeds, type LayerFile } from './file-needs.js';
import { ImageView } from './image-view.js';
import { describeViewContract } from './view.case.js';

const corpus = (name: string) => fileURLToPath(new URL(`../../../shared/corpora/images/${name}`, import.meta.url));
const limits = withLimits();
const views: ImageView[] = [];

async function view(name: string, visit?: (file: LayerFile, content: Buffer) => void): Promise<ImageView> {
  const source = await openImageInput(corpus(name), { limits });
  const built = await ImageView.build(source, {
    needs: [defaultNeeds],
    limits,
    visitors: visit ? [{ name: 'all', maxFileBytes: 1 << 20, wants: () => true, visit }] : [],
  });
  views.push(built);
  return built;
}

afterEach(async () => {
  for (const built of views.splice(0)) await built.close();
});

describe('image view over real archives', () => {
  it('shows the apk database and os-release of alpine 3.10 (gzipped docker-archive)', async () => {
    const alpine = await view('alpine-310.docker-archive.tar.gz');
    const installed = await alpine.readText('/lib/apk/db/installed');
    expect(installed).toContain('P:musl\nV:1.1.22-r3');
    expect(await alpine.readText('/etc/os-release')).toContain('VERSION_ID=3.10');
    expect(alpine.source.format).toBe('docker-archive');
    expect(alpine.layers).toHaveLength(1);
    expect((await alpine.lstat('/bin/sh'))?.type).toBe('symlink');
    expect((await alpine.stat('/bin/sh'))?.type).toBe('file');
    expect(await alpine.readDir('/etc/apk')).toContain('repositories');
  });

  it('keeps files beyond the memory budget in its spill file, and frees it on close', async () => {
    const source = await openImageInput(corpus('alpine-310.docker-archive.tar.gz'), { limits });
    const spilled = await ImageView.build(source, { needs: [defaultNeeds], limits, memoryBudgetBytes: 0 });
    views.push(spilled);
    expect(await spilled.readText('/lib/apk/db/installed')).toContain('P:busybox\nV:1.30.1-r3');
    expect((await spilled.readFile('/etc/os-release', { maxBytes: 7 }))?.toString()).toBe('NAME="A');
    await expect(spilled.readFile('/bin/busybox.nonexistent')).resolves.toBeNull();
    await expect(spilled.readFile('/usr/share/apk/keys/aarch64/alpine-devel@lists.alpinelinux.org-58199dcc.rsa.pub')).rejects.toThrow(/not kept from the image/);
  });

  it('applies whiteouts: the merged view holds bar.txt only, every layer still seen by visitors', async () => {
    const seen: string[] = [];
    const image = await view('whiteout_image.docker-archive.tar', (file) => seen.push(`${file.layerIndex}:${file.path}`));
    const files: string[] = [];
    for await (const entry of image.walk('/')) if (entry.type === 'file') files.push(entry.path);
    expect(files).toEqual(['/bar.txt']);
    expect(await image.stat('/foo.txt')).toBeNull();
    expect(seen).toContain('0:/foo.txt');
    expect(image.layers).toHaveLength(3);
  });

  it('reads an OCI layout directory and verifies its blobs', async () => {
    const oci = await view('trivy-test.oci');
    expect(oci.source.format).toBe('oci-layout');
    expect(oci.source.manifestDigest).toBe('sha256:afb744871f99e0ff8e6f253244836ed34c5d805fdb096d3a205ffaf5e9073cab');
    expect(oci.source.config.config?.Cmd).toEqual(['/hello']);
    const hello = await oci.stat('/hello');
    expect(hello?.type).toBe('file');
    expect((await oci.readFile('/hello'))?.subarray(1, 4).toString()).toBe('ELF');
  });
});

// The shared SystemView contract, over an image made from the same fixture tree by GNU tar.
describeViewContract('ImageView', async (fixture) => {
  const tar = execFileSync('tar', ['--owner=0', '--group=0', '-C', fixture, '-cf', '-', '.'], { maxBuffer: 64 * 1024 * 1024 });
  const layout = join(fixture, '..', `${fixture.split('/').pop()}-layout`);
  await writeOciLayout(layout, buildImage({ layers: [tar] }));
  const view = await ImageView.build(await openImageInput(layout, { limits }), { needs: [{ dirs: ['/'] }], limits });
  views.push(view);
  return { view, base: '' };
});
