import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleImage } from '../../test/support/images.js';
import { registryAvailable, startRegistry, type TestRegistry } from '../../test/support/registry.js';
import { needService } from '../../test/support/services.js';
import { buildImage, pushImage } from './image-writer.js';
import { withLimits } from './limits.js';
import { listRepositories, listTags, nextPage, pingRegistry, tagDigest } from './registry-catalog.js';
import { RegistryClient } from './registry-client.js';
import { writeTar } from './tar-writer.js';

const limits = withLimits();
const hasRegistry = needService('docker-registry', registryAvailable());

describe('nextPage', () => {
  const current = new URL('http://127.0.0.1:5000/v2/_catalog?n=2');
  it('follows rel="next" on the same registry and stops without one', () => {
    expect(nextPage('</v2/_catalog?last=b&n=2>; rel="next"', current)).toBe('/v2/_catalog?last=b&n=2');
    expect(nextPage(undefined, current)).toBeNull();
    expect(nextPage('</v2/_catalog?last=b>; rel="prev"', current)).toBeNull();
  });
  it('refuses a next page on another origin (it would get the credentials)', () => {
    expect(() => nextPage('<https://elsewhere.example/v2/_catalog?last=b>; rel="next"', current)).toThrow(/another origin/);
  });
});

describe.runIf(hasRegistry)('catalog and tags of a real docker-registry', () => {
  for (const auth of ['basic', 'token'] as const) {
    describe(`${auth} auth`, () => {
      let registry: TestRegistry;
      const image = sampleImage();
      const other = buildImage({ layers: [writeTar([{ name: 'etc/os-release', data: 'ID=alpine\n' }])] });
      beforeAll(async () => {
        registry = await startRegistry(auth);
        const client = new RegistryClient(registry.host, { insecure: true, limits, credentials: { username: registry.username, password: registry.password } });
        for (const repository of ['team/a', 'team/b', 'team/c', 'base/x', 'base/y']) await pushImage(client, repository, 'v1', image);
        for (const tag of ['v2', 'v3', 'latest']) await pushImage(client, 'team/a', tag, tag === 'v3' ? other : image);
      });
      afterAll(async () => registry?.stop());

      it('lists every repository and tag through pages of two (Link headers), and each tag digest', async () => {
        const client = new RegistryClient(registry.host, { insecure: true, limits, credentials: { username: registry.username, password: registry.password } });
        await pingRegistry(client);
        expect(await listRepositories(client, { pageSize: 2 })).toEqual(['base/x', 'base/y', 'team/a', 'team/b', 'team/c']);
        expect(await listRepositories(client, { pageSize: 2, max: 3 })).toHaveLength(3);
        expect((await listTags(client, 'team/a', { pageSize: 2 })).sort()).toEqual(['latest', 'v1', 'v2', 'v3']);
        expect(await tagDigest(client, 'team/a', 'v1')).toBe(image.manifestDigest);
        expect(await tagDigest(client, 'team/a', 'v3')).toBe(other.manifestDigest);
        await expect(tagDigest(client, 'team/a', 'nope')).rejects.toThrow(/team\/a:nope: not found/);
      });

      it('says the credentials are wrong', async () => {
        const client = new RegistryClient(registry.host, { insecure: true, limits, retries: 0, credentials: { username: registry.username, password: 'wrong' } });
        await expect(listRepositories(client)).rejects.toThrow(/credentials rejected/);
      });
    });
  }
});
