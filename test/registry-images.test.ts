// Registries and their images end to end, on both databases: a real docker-registry (htpasswd
// basic auth, and the token flow), a real server. A registry created through the API is synced,
// its tags scanned in the server, and the stored results are what `palisade scan image` reports
// for the same image; a new tag and a moved tag are scanned again; the password is sealed in the
// database and appears in no answer; a wrong password leaves a clear error on the registry.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScanImage } from '../src/cli/scan-image.js';
import { buildImage, pushImage } from '../src/image/image-writer.js';
import { MediaTypes } from '../src/image/oci-schemas.js';
import { withLimits } from '../src/image/limits.js';
import { RegistryClient } from '../src/image/registry-client.js';
import { writeTar } from '../src/image/tar-writer.js';
import type { ImageDetail, ImageScan, Registry, RegistryImage, SyncSummary } from '../src/model/registry-api.js';
import { AdvisoryDatabase } from '../src/vulndb/advisory-db.js';
import { importOsv } from '../src/vulndb/importer.js';
import { sampleImage, sampleLayers } from './support/images.js';
import { registryAvailable, startRegistry, type TestRegistry } from './support/registry.js';
import { needService } from './support/services.js';
import { DIALECTS } from './support/stores.js';
import { ADMIN_PASSWORD, ApiClient, startTestServer, type TestServer } from './support/test-server.js';

const hasRegistry = needService('docker-registry', registryAvailable());
const limits = withLimits();

// openssl - security update (CVE-2024-6119): Debian:12 fixed in 3.0.14-1~deb12u2
// (../shared/corpora/osv-derived/debian/DSA-5764-1.json).
const OPENSSL_DSA = 'DSA-5764-1';

async function advisoryDatabase(dir: string): Promise<string> {
  const path = join(dir, 'advisories.db');
  const db = AdvisoryDatabase.open(path, { writable: true });
  try {
    const report = await importOsv(db, [fileURLToPath(new URL(`../../shared/corpora/osv-derived/debian/${OPENSSL_DSA}.json`, import.meta.url))], { now: () => new Date() });
    expect(report.errors).toEqual([]);
  } finally {
    db.close();
  }
  return path;
}

/** The sample image (secrets, EICAR, history findings) with a vulnerable libssl3 on top. */
function appImage() {
  const status = 'Package: busybox\nStatus: install ok installed\nVersion: 1:1.35.0-4\nArchitecture: amd64\n\nPackage: libssl3\nStatus: install ok installed\nSource: openssl\nVersion: 3.0.11-1~deb12u2\nArchitecture: amd64\n\n';
  return buildImage({
    layers: [...sampleLayers(), writeTar([{ name: 'var/lib/dpkg/status', data: status }])],
    config: { User: 'app', Env: ['PATH=/bin', 'API_TOKEN=hunter2'], Cmd: ['/bin/sh'] },
    history: [{ created_by: 'ADD file:abc in /' }, { created_by: 'RUN apt-get update && apt-get install -y curl' }, { created_by: 'RUN true' }, { created_by: 'RUN apt-get install -y libssl3' }],
  });
}

function toolImage(marker: string) {
  return buildImage({
    layers: [writeTar([{ name: 'etc/os-release', data: 'ID=alpine\nVERSION_ID=3.19.1\n' }, { name: 'lib/apk/db/installed', data: `P:musl\nV:1.2.4-r2\nA:x86_64\n\nP:${marker}\nV:1.0-r0\nA:x86_64\n\n` }])],
    config: { User: 'nobody', Cmd: ['/bin/true'] },
    history: [{ created_by: `COPY ${marker} / # buildkit` }],
  });
}

/** What `palisade scan image` says of the same image, in the sections the server stores. */
async function cliSections(reference: string, registry: TestRegistry, db: string) {
  const { output } = await runScanImage(reference, {
    scanners: 'secret,malware,history,inventory,vuln',
    format: 'json',
    exitCode: '0',
    timeout: '20',
    // No severity filter: the server keeps unrated advisories too.
    severity: '',
    insecure: true,
    username: registry.username,
    password: registry.password,
    db,
  });
  const report = JSON.parse(output) as Record<string, unknown> & { inventory: { packages: unknown[]; jars: unknown[] }; image: Record<string, unknown> };
  return { report, packages: report.inventory.packages, jars: report.inventory.jars };
}

/** Facts that do not depend on how the image was named (tag or digest). */
function namelessFacts(image: Record<string, unknown>) {
  const { name: _name, repoTags: _tags, ...rest } = image;
  return rest;
}

for (const dialect of DIALECTS) {
  describe.runIf(hasRegistry)(`registries and images on ${dialect} (basic auth)`, () => {
    let test: TestServer | null;
    let registry: TestRegistry;
    let admin: ApiClient;
    let pusher: RegistryClient;
    let created: Registry;
    const sample = appImage();
    const dir = mkdtempSync(join(tmpdir(), 'palisade-registry-images-'));

    beforeAll(async () => {
      registry = await startRegistry('basic', { deletable: true });
      pusher = new RegistryClient(registry.host, { insecure: true, limits, credentials: { username: registry.username, password: registry.password } });
      await pushImage(pusher, 'team/app', 'v1', sample);
      await pushImage(pusher, 'base/tool', '1', toolImage('tool-one'));
      await pushImage(pusher, 'other/skipped', '1', toolImage('skipped'));
      test = await startTestServer(dialect, { env: { advisoryDb: await advisoryDatabase(dir) } });
      if (!test) return;
      admin = new ApiClient(test.url);
      expect((await admin.login('admin', ADMIN_PASSWORD)).status).toBe(200);
    });
    afterAll(async () => {
      await test?.close();
      await registry?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    const scans = () => test!.server.context.imageScans.idle();
    const images = async (query = '') => (await admin.get<{ items: RegistryImage[]; total: number }>(`/api/v1/images${query}`)).body;
    const imageOf = async (repository: string, tag: string) => (await images(`?repository=${encodeURIComponent(repository)}&tag=${tag}`)).items[0]!;

    it('creates a registry: the password sealed in the row, never in an answer; bad input is refused', async (context) => {
      if (!test) return context.skip();
      const response = await admin.post<Registry>('/api/v1/registries', {
        name: 'local',
        url: `http://${registry.host}`,
        username: registry.username,
        password: registry.password,
        repositoryFilter: 'team/*, base/*',
      });
      expect(response.status).toBe(201);
      created = response.body;
      expect(created).toMatchObject({ name: 'local', kind: 'docker-v2', url: `http://${registry.host}`, hasPassword: true, status: 'new', tlsVerify: true, syncIntervalMinutes: 60 });
      const row = await test.server.context.store.db.selectFrom('registries').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
      expect(row.sealed_password).toMatch(/^v1:[A-Za-z0-9+/=]+$/);
      for (const encoding of ['utf8', 'base64', 'hex'] as const) expect(JSON.stringify(row)).not.toContain(Buffer.from(registry.password).toString(encoding));
      for (const path of ['/api/v1/registries', `/api/v1/registries/${created.id}`, '/api/v1/audit']) {
        expect(JSON.stringify((await admin.get(path)).body), path).not.toContain(registry.password);
      }
      expect((await admin.post('/api/v1/registries', { name: 'local', url: 'https://x.example' })).status).toBe(409);
      const bad = await admin.post<{ error: { message: string } }>('/api/v1/registries', { name: 'bad', url: 'https://user:pw@x.example/v2/' });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toMatch(/not in the URL/);
      expect(JSON.stringify(bad.body)).toMatch(/no path/);
      expect((await admin.get<{ items: unknown[] }>('/api/v1/registries')).body.items).toHaveLength(1);
    });

    it('tests the connection and syncs: filtered repositories, their tags, scans queued and run', async (context) => {
      if (!test) return context.skip();
      const tested = await admin.post<{ ok: boolean; message: string; repositories: string[] }>(`/api/v1/registries/${created.id}/test`);
      expect(tested.body).toMatchObject({ ok: true, repositories: ['base/tool', 'other/skipped', 'team/app'] });
      const synced = await admin.post<SyncSummary>(`/api/v1/registries/${created.id}/sync`);
      expect(synced.body).toEqual({ repositories: 2, tags: 2, added: 2, changed: 0, removed: 0, queued: 2, problems: [] });
      await scans();
      const listed = await images();
      expect(listed.items.map((image) => `${image.registryName} ${image.repository}:${image.tag}`).sort()).toEqual(['local base/tool:1', 'local team/app:v1']);
      for (const image of listed.items) expect(image.lastScan).toMatchObject({ status: 'done', reason: 'new-tag', error: null });
      const app = listed.items.find((image) => image.repository === 'team/app')!;
      expect(app.digest).toBe(sample.manifestDigest);
      expect(app.resultScan?.counts?.secrets).toBeGreaterThan(0);
      expect(app.resultScan?.counts?.malware).toBeGreaterThan(0);
      expect((await admin.get<Registry>(`/api/v1/registries/${created.id}`)).body).toMatchObject({ status: 'ok', lastError: null, images: 2 });
    });

    it('stores what `palisade scan image` reports for the same image', async (context) => {
      if (!test) return context.skip();
      const app = await imageOf('team/app', 'v1');
      const detail = (await admin.get<ImageDetail>(`/api/v1/images/${app.id}`)).body;
      const result = detail.result!;
      const cli = await cliSections(`${registry.host}/team/app:v1`, registry, test.server.context.advisories.path);
      expect(result.secrets).toEqual(cli.report.secrets);
      expect(result.secrets.length).toBeGreaterThan(0);
      expect(result.malware).toEqual(cli.report.malware);
      expect(result.history).toEqual(cli.report.history);
      expect(result.packages).toEqual(cli.packages);
      expect(result.packages.map((p) => p.name)).toContain('busybox');
      expect(result.vulnerabilities).toEqual(cli.report.vulnerabilities);
      expect(result.vulnerabilities.map((v) => `${v.id} ${v.package} ${v.installedVersion} ${v.fixedVersion}`)).toEqual([`${OPENSSL_DSA} libssl3 3.0.11-1~deb12u2 3.0.14-1~deb12u2`]);
      expect(namelessFacts(result.image)).toEqual(namelessFacts(cli.report.image));
      // Which database matched, by file name only: tenants do not see the server's paths.
      expect(result.vulnerabilityScan?.database).toMatchObject({ path: 'advisories.db', advisories: 1 });
      expect(result.image.layers).toHaveLength(4);
      // Masked, as the CLI masks them: no planted secret in clear anywhere in the answer.
      expect(JSON.stringify(detail)).not.toContain('hunter2');
    });

    it('filters images by repository, tag, severity, secrets, malware and scan state', async (context) => {
      if (!test) return context.skip();
      expect((await images('?repository=team')).items.map((image) => image.repository)).toEqual(['team/app']);
      expect((await images('?tag=1')).items.map((image) => image.repository)).toEqual(['base/tool']);
      expect((await images('?hasMalware=true')).items.map((image) => image.repository)).toEqual(['team/app']);
      expect((await images('?hasMalware=false')).items.map((image) => image.repository)).toEqual(['base/tool']);
      expect((await images('?hasSecrets=true')).items.map((image) => image.repository)).toEqual(['team/app']);
      expect((await images('?scanStatus=failed')).total).toBe(0);
      expect((await images(`?registryId=${created.id}`)).total).toBe(2);
      const app = await imageOf('team/app', 'v1');
      const withCritical = (await images('?severity=critical')).items.map((image) => image.repository);
      expect(withCritical).toEqual((app.resultScan?.counts?.critical ?? 0) > 0 ? ['team/app'] : []);
      expect((await admin.get('/api/v1/images?severity=worst')).status).toBe(400);
    });

    it('scans a new tag and a moved tag at the next sync, keeping the tag history', async (context) => {
      if (!test) return context.skip();
      const before = await imageOf('team/app', 'v1');
      await pushImage(pusher, 'team/app', 'v2', toolImage('app-two'));
      await pushImage(pusher, 'team/app', 'v1', toolImage('app-one-rebuilt'));
      const synced = await admin.post<SyncSummary>(`/api/v1/registries/${created.id}/sync`);
      expect(synced.body).toMatchObject({ tags: 3, added: 1, changed: 1, queued: 2 });
      await scans();
      const v2 = await imageOf('team/app', 'v2');
      expect(v2.lastScan).toMatchObject({ status: 'done', reason: 'new-tag' });
      const v1 = await imageOf('team/app', 'v1');
      expect(v1.id).toBe(before.id);
      expect(v1.digest).not.toBe(before.digest);
      expect(v1.digestChangedAt).not.toBeNull();
      const history = (await admin.get<{ items: ImageScan[]; total: number }>(`/api/v1/images/${v1.id}/scans`)).body;
      expect(history.items.map((scan) => [scan.reason, scan.status, scan.digest])).toEqual([
        ['digest-changed', 'done', v1.digest],
        ['new-tag', 'done', before.digest],
      ]);
      // The old scan keeps the old image's findings; the new one has the rebuilt image's.
      const old = (await admin.get<{ result: { malware: unknown[] } }>(`/api/v1/image-scans/${history.items[1]!.id}`)).body;
      expect(old.result.malware.length).toBeGreaterThan(0);
      const rebuilt = (await admin.get<ImageDetail>(`/api/v1/images/${v1.id}`)).body.result;
      expect(rebuilt?.packages.map((p) => p.name)).toContain('app-one-rebuilt');
      expect(rebuilt?.malware).toEqual([]);
      // A sync with nothing new queues nothing.
      expect((await admin.post<SyncSummary>(`/api/v1/registries/${created.id}/sync`)).body).toMatchObject({ added: 0, changed: 0, queued: 0 });
    });

    it('scans now on request, joining a scan already waiting', async (context) => {
      if (!test) return context.skip();
      const tool = await imageOf('base/tool', '1');
      const requested = await admin.post<ImageScan>(`/api/v1/images/${tool.id}/scan`);
      expect(requested.status).toBe(202);
      expect(requested.body).toMatchObject({ reason: 'manual', imageId: tool.id });
      await scans();
      const history = (await admin.get<{ items: ImageScan[] }>(`/api/v1/images/${tool.id}/scans`)).body.items;
      expect(history.map((scan) => `${scan.reason} ${scan.status}`)).toEqual(['manual done', 'new-tag done']);
      expect((await admin.get('/api/v1/images/nope')).status).toBe(404);
    });

    it('marks a tag deleted from the registry as removed, and finds every tag of a digest', async (context) => {
      if (!test) return context.skip();
      const v2 = await imageOf('team/app', 'v2');
      expect((await images(`?digest=${v2.digest}`)).items.map((image) => `${image.repository}:${image.tag}`)).toEqual(['team/app:v2']);
      const deleted = await fetch(`http://${registry.host}/v2/team/app/manifests/${v2.digest}`, {
        method: 'DELETE',
        headers: { authorization: `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}` },
      });
      expect(deleted.status).toBe(202);
      expect((await admin.post<SyncSummary>(`/api/v1/registries/${created.id}/sync`)).body).toMatchObject({ tags: 2, removed: 1, queued: 0 });
      expect((await images('?repository=team/app')).items.map((image) => image.tag)).toEqual(['v1']);
      const kept = (await images('?repository=team/app&includeRemoved=true')).items.find((image) => image.tag === 'v2');
      expect(kept?.removedAt).not.toBeNull();
      expect(kept?.resultScan?.status).toBe('done');
      expect((await admin.get<Registry>(`/api/v1/registries/${created.id}`)).body.images).toBe(2);
    });

    it("never lends the server user's docker credentials to a registry without its own", async (context) => {
      if (!test) return context.skip();
      const dockerConfig = join(dir, 'docker');
      mkdirSync(dockerConfig, { recursive: true });
      writeFileSync(join(dockerConfig, 'config.json'), JSON.stringify({ auths: { [registry.host]: { auth: Buffer.from(`${registry.username}:${registry.password}`).toString('base64') } } }));
      const before = process.env.DOCKER_CONFIG;
      process.env.DOCKER_CONFIG = dockerConfig;
      try {
        expect((await admin.request('PATCH', `/api/v1/registries/${created.id}`, { username: '', password: '' })).body).toMatchObject({ username: '', hasPassword: false });
        const tool = await imageOf('base/tool', '1');
        await admin.post(`/api/v1/images/${tool.id}/scan`);
        await scans();
        expect((await imageOf('base/tool', '1')).lastScan).toMatchObject({ status: 'failed', error: expect.stringMatching(/authentication required \(HTTP 401\): set the registry's username and password/) });
      } finally {
        if (before === undefined) delete process.env.DOCKER_CONFIG;
        else process.env.DOCKER_CONFIG = before;
      }
      expect((await admin.request('PATCH', `/api/v1/registries/${created.id}`, { username: registry.username, password: registry.password })).status).toBe(200);
    });

    it('puts a clear error on the registry when the password is wrong, and keeps the images', async (context) => {
      if (!test) return context.skip();
      const wrong = 'not-the-password-91';
      expect((await admin.request('PATCH', `/api/v1/registries/${created.id}`, { password: wrong })).status).toBe(200);
      const synced = await admin.post<{ error: { code: string; message: string } }>(`/api/v1/registries/${created.id}/sync`);
      expect(synced.status).toBe(502);
      expect(synced.body.error.message).toMatch(/credentials rejected \(HTTP 401\)/);
      const state = (await admin.get<Registry>(`/api/v1/registries/${created.id}`)).body;
      expect(state).toMatchObject({ status: 'error', lastError: expect.stringMatching(/credentials rejected/) });
      const tested = await admin.post<{ ok: boolean; message: string }>(`/api/v1/registries/${created.id}/test`);
      expect(tested.body).toMatchObject({ ok: false, message: expect.stringMatching(/credentials rejected/) });
      expect((await images()).total).toBe(2);
      for (const path of ['/api/v1/registries', '/api/v1/audit?limit=500']) expect(JSON.stringify((await admin.get(path)).body)).not.toContain(wrong);
      const audit = JSON.stringify((await admin.get('/api/v1/audit?limit=500')).body);
      expect(audit).toContain('registry.updated');
      expect(audit).toContain('"password":"set"');
    });

    it('deletes a registry with its images and their scans', async (context) => {
      if (!test) return context.skip();
      expect((await admin.request('DELETE', `/api/v1/registries/${created.id}`)).status).toBe(200);
      expect((await images('?includeRemoved=true')).total).toBe(0);
      const left = await test.server.context.store.db.selectFrom('image_scans').select('id').execute();
      expect(left).toEqual([]);
    });
  });
}

describe.runIf(hasRegistry)('a registry behind a token server', () => {
  let test: TestServer | null;
  let registry: TestRegistry;
  let admin: ApiClient;

  beforeAll(async () => {
    // Like Docker Hub: anyone may pull, only the user may push or list the catalog.
    registry = await startRegistry('token', { anonymousPull: true });
    const pusher = new RegistryClient(registry.host, { insecure: true, limits, credentials: { username: registry.username, password: registry.password } });
    await pushImage(pusher, 'team/app', 'v1', sampleImage());
    test = await startTestServer('sqlite');
    if (!test) return;
    admin = new ApiClient(test.url);
    await admin.login('admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await test?.close();
    await registry?.stop();
  });

  it('syncs and scans with bearer tokens, and names the token server when the password is wrong', async (context) => {
    if (!test) return context.skip();
    const good = (await admin.post<Registry>('/api/v1/registries', { name: 'tokens', url: `http://${registry.host}`, kind: 'harbor', username: registry.username, password: registry.password })).body;
    expect((await admin.post<SyncSummary>(`/api/v1/registries/${good.id}/sync`)).body).toMatchObject({ repositories: 1, tags: 1, queued: 1 });
    await test.server.context.imageScans.idle();
    const [image] = (await admin.get<{ items: RegistryImage[] }>('/api/v1/images')).body.items;
    expect(image?.lastScan).toMatchObject({ status: 'done', error: null });
    expect(registry.tokenRequests.some((query) => query.includes('registry%3Acatalog%3A*'))).toBe(true);

    const bad = (await admin.post<Registry>('/api/v1/registries', { name: 'wrong', url: `http://${registry.host}`, username: registry.username, password: 'wrong-token' })).body;
    const tested = await admin.post<{ ok: boolean; message: string }>(`/api/v1/registries/${bad.id}/test`);
    expect(tested.body).toMatchObject({ ok: false, message: expect.stringMatching(/credentials rejected by the token server/) });
    expect((await admin.get<Registry>(`/api/v1/registries/${bad.id}`)).body).toMatchObject({ status: 'error', lastError: expect.stringMatching(/token server/) });
    const anonymous = (await admin.post<Registry>('/api/v1/registries', { name: 'anonymous', url: `http://${registry.host}` })).body;
    const refused = await admin.post<{ error: { message: string } }>(`/api/v1/registries/${anonymous.id}/sync`);
    expect(refused.status).toBe(502);
    expect(refused.body.error.message).toMatch(/_catalog: authentication required \(HTTP 401\): set the registry's username and password/);
    expect((await admin.get<Registry>(`/api/v1/registries/${anonymous.id}`)).body.status).toBe('error');
  });

  it('scans a multi-platform tag for this host\'s platform, its history keyed by the index digest', async (context) => {
    if (!test) return context.skip();
    const pusher = new RegistryClient(registry.host, { insecure: true, limits, credentials: { username: registry.username, password: registry.password } });
    const amd64 = toolImage('multi-amd64');
    const arm64 = buildImage({ layers: [writeTar([{ name: 'etc/os-release', data: 'ID=alpine\n' }])], architecture: 'arm64' });
    await pushImage(pusher, 'multi/app', 'amd64', amd64);
    await pushImage(pusher, 'multi/app', 'arm64', arm64);
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
    const indexDigest = await pusher.putManifest('multi/app', 'latest', index, MediaTypes.ociIndex);
    const registryId = (await admin.get<{ items: Registry[] }>('/api/v1/registries')).body.items.find((item) => item.name === 'tokens')!.id;
    expect((await admin.post<SyncSummary>(`/api/v1/registries/${registryId}/sync`)).body).toMatchObject({ added: 3, queued: 3 });
    await test.server.context.imageScans.idle();
    const latest = (await admin.get<{ items: RegistryImage[] }>('/api/v1/images?repository=multi/app&tag=latest')).body.items[0]!;
    expect(latest.digest).toBe(indexDigest);
    expect(latest.lastScan).toMatchObject({ status: 'done', digest: indexDigest });
    const detail = (await admin.get<ImageDetail>(`/api/v1/images/${latest.id}`)).body;
    // The platform this machine would run.
    const native = process.arch === 'arm64' ? { architecture: 'arm64', digest: arm64.manifestDigest } : { architecture: 'amd64', digest: amd64.manifestDigest };
    expect(detail.result?.image).toMatchObject(native);
  });

  it('syncs the repositories a filter names when the registry will not list its catalog', async (context) => {
    if (!test) return context.skip();
    const named = (await admin.post<Registry>('/api/v1/registries', { name: 'public', url: `http://${registry.host}`, repositoryFilter: 'team/app, team/gone' })).body;
    const tested = await admin.post<{ ok: boolean; message: string }>(`/api/v1/registries/${named.id}/test`);
    expect(tested.body).toMatchObject({ ok: true, message: expect.stringMatching(/catalog cannot be listed.*the repositories the filter names are synced/) });
    const synced = (await admin.post<SyncSummary>(`/api/v1/registries/${named.id}/sync`)).body;
    expect(synced).toMatchObject({ repositories: 2, tags: 1, added: 1, queued: 1 });
    expect(synced.problems[0]).toMatch(/catalog cannot be listed/);
    expect(synced.problems[1]).toMatch(/team\/gone tags: not found/);
    await test.server.context.imageScans.idle();
    const [image] = (await admin.get<{ items: RegistryImage[] }>(`/api/v1/images?registryId=${named.id}`)).body.items;
    expect(image).toMatchObject({ repository: 'team/app', tag: 'v1', lastScan: { status: 'done' } });
    expect((await admin.get<Registry>(`/api/v1/registries/${named.id}`)).body).toMatchObject({ status: 'ok', lastError: expect.stringMatching(/2 problem\(s\)/) });
  });
});
