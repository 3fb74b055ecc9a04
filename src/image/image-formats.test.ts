import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeView, LONG_NAME, plainLayer, sampleImage, zstdLayer } from '../../test/support/images.js';
import { defaultNeeds } from '../view/file-needs.js';
import { ImageView } from '../view/image-view.js';
import { dockerArchiveTar, writeDockerArchive, writeOciArchive, writeOciLayout } from './image-writer.js';
import { sha256Of } from './digest.js';
import { withLimits } from './limits.js';
import { writeTar, type TarInput } from './tar-writer.js';
import { openImageInput } from './open-archive.js';

const limits = withLimits();
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-formats-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function describeInput(path: string): Promise<{ lines: string[]; view: ImageView }> {
  const view = await ImageView.build(await openImageInput(path, { limits }), { needs: [defaultNeeds, { dirs: ['/app', '/srv', '/opt'] }], limits });
  try {
    return { lines: await describeView(view), view };
  } finally {
    await view.close();
  }
}

describe('every archive format reads the same image', () => {
  it('docker-archive, gzipped docker-archive, OCI archive and OCI layout agree', async () => {
    const image = sampleImage();
    await writeDockerArchive(join(dir, 'image.docker.tar'), image, 'sample:1');
    await writeFile(join(dir, 'image.docker.tar.gz'), gzipSync(dockerArchiveTar(image, 'sample:1')));
    await writeOciArchive(join(dir, 'image.oci.tar'), image);
    await writeOciLayout(join(dir, 'layout'), image);
    const docker = await describeInput(join(dir, 'image.docker.tar'));
    expect(docker.view.source.format).toBe('docker-archive');
    expect(docker.view.source.configDigest).toBe(image.configDigest);
    for (const other of ['image.docker.tar.gz', 'image.oci.tar', 'layout']) {
      const result = await describeInput(join(dir, other));
      expect(result.lines, other).toEqual(docker.lines);
      expect(result.view.source.configDigest).toBe(image.configDigest);
      expect(result.view.layers.map((layer) => layer.size)).toEqual(docker.view.layers.map((layer) => layer.size));
    }
    const oci = await describeInput(join(dir, 'image.oci.tar'));
    expect(oci.view.source.manifestDigest).toBe(image.manifestDigest);
  });

  it('reads a Docker 25+ archive (OCI layout plus manifest.json) through either index', async () => {
    const image = sampleImage(plainLayer);
    const hex = (digest: string) => digest.slice(7);
    const layout = join(dir, 'docker25-layout');
    await writeOciLayout(layout, image);
    // Docker 25 names the uncompressed layer blobs in manifest.json, next to the OCI index.
    const entries: TarInput[] = [
      { name: 'oci-layout', data: JSON.stringify({ imageLayoutVersion: '1.0.0' }) },
      { name: 'index.json', data: await readFile(join(layout, 'index.json')) },
      ...[image.manifest, image.config, ...image.layers.map((layer) => layer.blob)].map((blob) => ({ name: `blobs/sha256/${hex(sha256Of(blob))}`, data: blob })),
      { name: 'manifest.json', data: JSON.stringify([{ Config: `blobs/sha256/${hex(image.configDigest)}`, RepoTags: ['sample:25'], Layers: image.layers.map((layer) => `blobs/sha256/${hex(layer.digest)}`) }]) },
    ];
    await writeFile(join(dir, 'docker25.tar'), writeTar(entries));
    const viaIndex = await describeInput(join(dir, 'docker25.tar'));
    expect(viaIndex.view.source.format).toBe('oci-archive');
    const viaManifest = await ImageView.build(await openImageInput(join(dir, 'docker25.tar'), { limits, tag: 'sample:25' }), { needs: [defaultNeeds, { dirs: ['/app', '/srv', '/opt'] }], limits });
    try {
      expect(viaManifest.source.format).toBe('docker-archive');
      expect(await describeView(viaManifest)).toEqual(viaIndex.lines);
    } finally {
      await viaManifest.close();
    }
  });

  it('merges layers: whiteout, opaque directory, hard link, long names, symlinks', async () => {
    const image = sampleImage();
    await writeOciLayout(join(dir, 'merge'), image);
    const { lines } = await describeInput(join(dir, 'merge'));
    const text = lines.join('\n');
    expect(text).not.toContain('/app/old.txt');
    expect(text).toContain('file /opt/cache/fresh');
    expect(text).not.toContain('/opt/cache/a');
    expect(text).not.toContain('/opt/cache/sub');
    expect(text).toContain('file /app/linked.env 644 "AWS_ACCESS_KEY_ID=AKIAQX4RZ7TN2WLM5KJD\\n"');
    expect(text).toContain(`file ${LONG_NAME} 644 "long name\\n"`);
    expect(text).toContain('symlink /bin/sh 777 -> busybox');
    expect(text).toContain('VARIANT=palisade');
  });

  it('reads zstd and uncompressed layers the same as gzip', async () => {
    const reference = (await (async () => {
      await writeOciLayout(join(dir, 'gz'), sampleImage());
      return describeInput(join(dir, 'gz'));
    })()).lines;
    const zstd = sampleImage(zstdLayer);
    expect(zstd.layers[0]?.blob.subarray(0, 4)).toEqual(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]));
    await writeOciLayout(join(dir, 'zstd'), zstd);
    await writeOciLayout(join(dir, 'plain'), sampleImage(plainLayer));
    expect((await describeInput(join(dir, 'zstd'))).lines).toEqual(reference);
    expect((await describeInput(join(dir, 'plain'))).lines).toEqual(reference);
  });
});
