import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeView, sampleImage } from '../../test/support/images.js';
import { registryAvailable, startRegistry, type TestRegistry } from '../../test/support/registry.js';
import { needService } from '../../test/support/services.js';
import { defaultNeeds } from '../view/file-needs.js';
import { ImageView } from '../view/image-view.js';
import { credentialsFromDockerConfig } from './docker-config.js';
import { buildImage, pushImage, writeOciLayout } from './image-writer.js';
import { withLimits } from './limits.js';
import { MediaTypes } from './oci-schemas.js';
import { openImageInput } from './open-archive.js';
import { parseReference } from './reference.js';
import { RegistryClient } from './registry-client.js';
import { openRegistryImage } from './registry-source.js';
import { writeTar } from './tar-writer.js';
import type { Credentials } from './registry-auth.js';

const limits = withLimits();
const hasRegistry = needService('docker-registry', registryAvailable());
const needs = [defaultNeeds, { dirs: ['/app', '/srv', '/opt'] }];

async function viewLines(source: Parameters<typeof ImageView.build>[0]): Promise<string[]> {
  const view = await ImageView.build(source, { needs, limits });
  try {
    return await describeView(view);
  } finally {
    await view.close();
  }
}

async function pull(registry: TestRegistry, ref: string, credentials?: Credentials, platform?: { os: string; architecture: string }) {
  return openRegistryImage(parseReference(`${registry.host}/${ref}`), {
    insecure: true,
    limits,
    retries: 1,
    backoffMs: 50,
    ...(credentials ? { credentials } : {}),
    ...(platform ? { platform } : {}),
  });
}

describe.runIf(hasRegistry)('registry client against docker-registry (distribution)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'palisade-registry-test-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('htpasswd basic auth', () => {
    let registry: TestRegistry;
    beforeAll(async () => {
      registry = await startRegistry('basic');
    });
    afterAll(async () => registry?.stop());

    it('pushes, then pulls the same view as the OCI layout; 401 and 404 are clear errors', async () => {
      const credentials = { username: registry.username, password: registry.password };
      const image = sampleImage();
      const client = new RegistryClient(registry.host, { insecure: true, limits, credentials });
      expect(await pushImage(client, 'team/app', 'v1', image)).toBe(image.manifestDigest);

      await writeOciLayout(join(dir, 'basic-layout'), image);
      const fromLayout = await viewLines(await openImageInput(join(dir, 'basic-layout'), { limits }));
      const source = await pull(registry, 'team/app:v1', credentials);
      expect(source.manifestDigest).toBe(image.manifestDigest);
      expect(await viewLines(source)).toEqual(fromLayout);

      await expect(pull(registry, 'team/app:v1')).rejects.toThrow(/authentication required \(HTTP 401\).*--username/);
      await expect(pull(registry, 'team/app:v1', { username: 'palisade', password: 'wrong' })).rejects.toThrow(/credentials rejected/);
      await expect(pull(registry, 'team/app:nope', credentials)).rejects.toThrow(/team\/app:nope: not found \(HTTP 404\).*MANIFEST_UNKNOWN/);
    });

    it('takes credentials from a docker config.json', async () => {
      const config = join(dir, 'config.json');
      const auth = Buffer.from(`${registry.username}:${registry.password}`).toString('base64');
      await writeFile(config, JSON.stringify({ auths: { [registry.host]: { auth } } }));
      const credentials = await credentialsFromDockerConfig(config, registry.host, true);
      expect(credentials).toEqual({ username: registry.username, password: registry.password });
      const client = new RegistryClient(registry.host, { insecure: true, limits, ...(credentials ? { credentials } : {}) });
      await pushImage(client, 'team/config', 'v1', sampleImage());
      expect((await pull(registry, 'team/config:v1', credentials)).layers).toHaveLength(3);
    });
  });

  describe('self-signed TLS', () => {
    let registry: TestRegistry;
    beforeAll(async () => {
      registry = await startRegistry('none', { tls: true });
    });
    afterAll(async () => registry?.stop());

    it('refuses an unverified certificate without --insecure, at once, and reads the image with it', async () => {
      const client = new RegistryClient(registry.host, { insecure: true, limits });
      await pushImage(client, 'tls/app', 'v1', sampleImage());
      const reference = parseReference(`${registry.host}/tls/app:v1`);
      await expect(openRegistryImage(reference, { limits, retries: 3, backoffMs: 5000 })).rejects.toThrow(/TLS: self[- ]signed certificate \(pass --insecure/);
      const source = await openRegistryImage(reference, { limits, insecure: true });
      expect(source.layers).toHaveLength(3);
    });
  });

  describe('anonymous bearer tokens (pull for anyone, push for the user)', () => {
    let registry: TestRegistry;
    beforeAll(async () => {
      registry = await startRegistry('token', { anonymousPull: true });
    });
    afterAll(async () => registry?.stop());

    it('pulls with an anonymous token and refuses an anonymous push', async () => {
      const owner = new RegistryClient(registry.host, { insecure: true, limits, credentials: { username: registry.username, password: registry.password } });
      const image = sampleImage();
      await pushImage(owner, 'public/app', 'v1', image);
      const source = await pull(registry, 'public/app:v1');
      expect(source.configDigest).toBe(image.configDigest);
      expect(registry.tokenRequests.some((query) => query.includes('scope=repository%3Apublic%2Fapp%3Apull&') || query.endsWith('scope=repository%3Apublic%2Fapp%3Apull'))).toBe(true);
      const stranger = new RegistryClient(registry.host, { insecure: true, limits });
      await expect(pushImage(stranger, 'public/app', 'v2', image)).rejects.toThrow(/authentication required \(HTTP 401\)/);
    });
  });

  describe('bearer token auth through the WWW-Authenticate realm', () => {
    let registry: TestRegistry;
    beforeAll(async () => {
      registry = await startRegistry('token');
    });
    afterAll(async () => registry?.stop());

    it('gets scoped tokens, follows a multi-platform index and picks --platform', async () => {
      const credentials = { username: registry.username, password: registry.password };
      const client = new RegistryClient(registry.host, { insecure: true, limits, credentials });
      const amd64 = sampleImage();
      const arm64 = buildImage({ layers: [writeTar([{ name: 'etc/os-release', data: 'ID=alpine\n' }])], architecture: 'arm64' });
      await pushImage(client, 'multi/app', 'amd64', amd64);
      await pushImage(client, 'multi/app', 'arm64', arm64);
      const index = Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: MediaTypes.ociIndex,
          manifests: [
            { mediaType: MediaTypes.ociManifest, digest: amd64.manifestDigest, size: amd64.manifest.length, platform: { os: 'linux', architecture: 'amd64' } },
            { mediaType: MediaTypes.ociManifest, digest: arm64.manifestDigest, size: arm64.manifest.length, platform: { os: 'linux', architecture: 'arm64' } },
          ],
        }),
      );
      await client.putManifest('multi/app', 'latest', index, MediaTypes.ociIndex);
      // The registry names the actions of its challenge in no fixed order ("pull,push" or
      // "push,pull"): what matters is one token request covering both for this repository.
      const scopes = registry.tokenRequests.flatMap((query) => new URLSearchParams(query.replace(/^[^?]*\?/, '')).getAll('scope'));
      expect(scopes.some((scope) => /^repository:multi\/app:/.test(scope) && ['pull', 'push'].every((action) => scope.split(':')[2]!.split(',').includes(action)))).toBe(true);

      const arm = await pull(registry, 'multi/app', credentials, { os: 'linux', architecture: 'arm64' });
      expect(arm.manifestDigest).toBe(arm64.manifestDigest);
      expect(arm.config.architecture).toBe('arm64');
      const amd = await pull(registry, 'multi/app:latest', credentials, { os: 'linux', architecture: 'amd64' });
      expect(amd.configDigest).toBe(amd64.configDigest);
      await expect(pull(registry, 'multi/app', credentials, { os: 'linux', architecture: 's390x' })).rejects.toThrow(/no image for linux\/s390x; the index offers linux\/amd64, linux\/arm64/);
      await expect(pull(registry, 'multi/app')).rejects.toThrow(/token server requires credentials/);

      const byDigest = await pull(registry, `multi/app@${arm64.manifestDigest}`, credentials);
      expect((await viewLines(byDigest)).join('\n')).toContain('"ID=alpine\\n"');
    });
  });
});
