// A real image through the whole registry path: alpine:3.10 from the corpus
// (../shared/corpora/images/alpine-310.docker-archive.tar.gz) pushed by Debian's skopeo to a real
// docker-registry, synced and scanned by the server against the corpus' Alpine advisories
// (../shared/corpora/osv-derived/alpine, every CVE for that image's packages). The server's stored
// packages and vulnerabilities must be what `palisade scan image` reports for the same reference.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScanImage } from '../src/cli/scan-image.js';
import type { ImageDetail, Registry, RegistryImage, SyncSummary } from '../src/model/registry-api.js';
import { AdvisoryDatabase } from '../src/vulndb/advisory-db.js';
import { importOsv } from '../src/vulndb/importer.js';
import { registryAvailable, startRegistry, type TestRegistry } from './support/registry.js';
import { needService } from './support/services.js';
import { ADMIN_PASSWORD, ApiClient, startTestServer, type TestServer } from './support/test-server.js';

const CORPORA = fileURLToPath(new URL('../../shared/corpora/', import.meta.url));
const ALPINE_ARCHIVE = join(CORPORA, 'images', 'alpine-310.docker-archive.tar.gz');
const ALPINE_ADVISORIES = join(CORPORA, 'osv-derived', 'alpine');
const ready =
  needService('docker-registry', registryAvailable()) &&
  needService('skopeo', { available: spawnSync('sh', ['-c', 'command -v skopeo']).status === 0, reason: 'skopeo is not installed (Debian package skopeo)' });

describe.runIf(ready)('alpine:3.10 from a registry, scanned by the server', () => {
  let registry: TestRegistry;
  let test: TestServer | null;
  let admin: ApiClient;
  const dir = mkdtempSync(join(tmpdir(), 'palisade-real-image-'));
  const dbPath = join(dir, 'advisories.db');

  beforeAll(async () => {
    registry = await startRegistry('basic');
    const creds = `${registry.username}:${registry.password}`;
    // skopeo reads docker-archives uncompressed only.
    const archive = join(dir, 'alpine-310.tar');
    writeFileSync(archive, gunzipSync(readFileSync(ALPINE_ARCHIVE)));
    execFileSync('skopeo', ['--insecure-policy', 'copy', '-q', '--dest-tls-verify=false', '--dest-creds', creds, `docker-archive:${archive}`, `docker://${registry.host}/library/alpine:3.10`], { stdio: 'pipe' });
    const db = AdvisoryDatabase.open(dbPath, { writable: true });
    try {
      const files = readdirSync(ALPINE_ADVISORIES).filter((name) => name.endsWith('.json')).map((name) => join(ALPINE_ADVISORIES, name));
      expect((await importOsv(db, files, { now: () => new Date() })).errors).toEqual([]);
    } finally {
      db.close();
    }
    test = await startTestServer('sqlite', { env: { advisoryDb: dbPath } });
    if (!test) return;
    admin = new ApiClient(test.url);
    await admin.login('admin', ADMIN_PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await test?.close();
    await registry?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the packages and vulnerabilities `palisade scan image` reports', async (context) => {
    if (!test) return context.skip();
    const created = (await admin.post<Registry>('/api/v1/registries', { name: 'mirror', url: `http://${registry.host}`, username: registry.username, password: registry.password })).body;
    expect((await admin.post<SyncSummary>(`/api/v1/registries/${created.id}/sync`)).body).toMatchObject({ repositories: 1, tags: 1, queued: 1, problems: [] });
    await test.server.context.imageScans.idle();
    const [image] = (await admin.get<{ items: RegistryImage[] }>('/api/v1/images')).body.items;
    expect(image?.lastScan).toMatchObject({ status: 'done', error: null });
    const result = (await admin.get<ImageDetail>(`/api/v1/images/${image!.id}`)).body.result!;

    const { output } = await runScanImage(`${registry.host}/library/alpine:3.10`, {
      scanners: 'secret,malware,history,inventory,vuln',
      format: 'json',
      exitCode: '0',
      timeout: '30',
      severity: '',
      insecure: true,
      username: registry.username,
      password: registry.password,
      db: dbPath,
    });
    const cli = JSON.parse(output) as { inventory: { packages: unknown[] }; vulnerabilities: unknown[]; secrets: unknown[]; malware: unknown[]; history: unknown };
    expect(result.packages).toEqual(cli.inventory.packages);
    expect(result.vulnerabilities).toEqual(cli.vulnerabilities);
    expect(result.secrets).toEqual(cli.secrets);
    expect(result.malware).toEqual(cli.malware);
    expect(result.history).toEqual(cli.history);
    // alpine:3.10's own apk database, matched in its release's ecosystem. This 3.10.4 build already
    // carries every v3.10 fix of the corpus (musl 1.1.22-r3 is the fix of CVE-2019-14697, openssl
    // 1.1.1d-r2 is past 1.1.1d-r0): the right answer is no vulnerability at all.
    expect(result.packages.map((p) => `${p.name} ${p.version}`)).toEqual(expect.arrayContaining(['musl 1.1.22-r3', 'busybox 1.30.1-r3', 'libcrypto1.1 1.1.1d-r2']));
    expect(result.packages.every((p) => p.format === 'apk')).toBe(true);
    expect(result.vulnerabilityScan).toMatchObject({ ecosystems: ['Alpine:v3.10'], packagesScanned: result.packages.length, database: { advisories: 53 } });
    expect(result.vulnerabilities).toEqual([]);
    expect(image?.resultScan?.counts).toMatchObject({ packages: result.packages.length });
  });
});
