// Interoperability with a real third-party client: Debian's skopeo copies the image Palisade
// pushed into every archive format it writes (docker-archive, oci-archive, oci layout), and
// pushes a layout Palisade wrote; every copy must scan to the same report as the registry image.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleImage } from '../../test/support/images.js';
import { registryAvailable, startRegistry, type TestRegistry } from '../../test/support/registry.js';
import { needService } from '../../test/support/services.js';
import { scanImage, type ImageScanRequest } from './image-scan.js';
import { pushImage, writeOciLayout } from './image-writer.js';
import { withLimits } from './limits.js';
import { RegistryClient } from './registry-client.js';

const skopeo = spawnSync('sh', ['-c', 'command -v skopeo']).status === 0;
const ready =
  needService('docker-registry', registryAvailable()) &&
  needService('skopeo', { available: skopeo, reason: 'skopeo is not installed (Debian package skopeo)' });

const scanners = ['secret', 'malware', 'history', 'inventory'];

async function normalised(request: Partial<ImageScanRequest>): Promise<unknown> {
  const { report } = await scanImage({ scanners, options: {}, now: () => new Date(0), ...request });
  const { name: _name, format: _format, digest: _digest, repoTags: _tags, layers, ...image } = report.image;
  return { ...report, target: undefined, image: { ...image, layers: layers.map(({ digest: _d, ...layer }) => layer) } };
}

describe.runIf(ready)('skopeo interoperability', () => {
  let registry: TestRegistry;
  let dir: string;
  let creds: string;
  const image = sampleImage();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'palisade-skopeo-'));
    registry = await startRegistry('basic');
    creds = `${registry.username}:${registry.password}`;
    const client = new RegistryClient(registry.host, { insecure: true, limits: withLimits(), credentials: { username: registry.username, password: registry.password } });
    await pushImage(client, 'sample/app', 'v1', image);
  });
  afterAll(async () => {
    await registry?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const copy = (from: string, to: string, extra: string[]) => execFileSync('skopeo', ['--insecure-policy', 'copy', '-q', ...extra, from, to], { stdio: 'pipe' });

  it('reads what skopeo writes, and skopeo pushes what Palisade writes', async () => {
    const credentials = { username: registry.username, password: registry.password };
    const reference = `${registry.host}/sample/app:v1`;
    const fromRegistry = await normalised({ reference, credentials, insecure: true });
    const src = ['--src-tls-verify=false', '--src-creds', creds];
    copy(`docker://${reference}`, `docker-archive:${join(dir, 'docker.tar')}:sample/app:v1`, src);
    copy(`docker://${reference}`, `oci-archive:${join(dir, 'oci.tar')}`, src);
    copy(`docker://${reference}`, `oci:${join(dir, 'layout')}:v1`, src);
    for (const input of ['docker.tar', 'oci.tar', 'layout']) {
      expect(await normalised({ input: join(dir, input) }), input).toEqual(fromRegistry);
    }

    await writeOciLayout(join(dir, 'ours'), image);
    copy(`oci:${join(dir, 'ours')}`, `docker://${registry.host}/sample/pushed-by-skopeo:v1`, ['--dest-tls-verify=false', '--dest-creds', creds]);
    expect(await normalised({ reference: `${registry.host}/sample/pushed-by-skopeo:v1`, credentials, insecure: true })).toEqual(fromRegistry);
  });
});
