// The registry schedule on both databases, with a clock the test moves: a registry is synced when
// its interval has passed since the last attempt and not before; an unchanged tag is scanned again
// once its last scan is older than the registry's rescan period; an image that cannot be read ends
// as a failed scan with the reason; and the server's log, at debug level, never holds the password.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage, pushImage } from '../src/image/image-writer.js';
import { withLimits } from '../src/image/limits.js';
import { MediaTypes } from '../src/image/oci-schemas.js';
import { RegistryClient } from '../src/image/registry-client.js';
import { writeTar } from '../src/image/tar-writer.js';
import type { ImageDetail, ImageScan, Registry, RegistryImage } from '../src/model/registry-api.js';
import { loadServerConfig } from '../src/server/config.js';
import { startServer, type RunningServer } from '../src/server/start.js';
import { registryAvailable, startRegistry, type TestRegistry } from './support/registry.js';
import { needService } from './support/services.js';
import { DIALECTS, testDatabase, type TestDatabase } from './support/stores.js';
import { ADMIN_PASSWORD, ApiClient } from './support/test-server.js';

const hasRegistry = needService('docker-registry', registryAvailable());
const MINUTE = 60_000;

for (const dialect of DIALECTS) {
  describe.runIf(hasRegistry)(`registry schedule on ${dialect}`, () => {
    let registry: TestRegistry;
    let database: TestDatabase | null;
    let server: RunningServer;
    let admin: ApiClient;
    let created: Registry;
    let offsetMs = 0;
    const logLines: string[] = [];
    const dataDir = mkdtempSync(join(tmpdir(), 'palisade-registry-schedule-'));

    beforeAll(async () => {
      registry = await startRegistry('basic');
      const pusher = new RegistryClient(registry.host, { insecure: true, limits: withLimits(), credentials: { username: registry.username, password: registry.password } });
      const app = buildImage({ layers: [writeTar([{ name: 'etc/os-release', data: 'ID=alpine\n' }])] });
      await pushImage(pusher, 'team/app', 'v1', app);
      // The same image under another name: one digest, scanned once.
      await pushImage(pusher, 'team/alias', 'stable', app);
      // A layer that claims gzip and is neither gzip nor a whole tar: the registry stores it, no scan can read it.
      const broken = buildImage({ layers: [writeTar([{ name: 'etc/os-release', data: 'ID=alpine\n' }])], compress: () => ({ blob: Buffer.from('this is not gzip at all'), mediaType: MediaTypes.ociLayerGzip }) });
      await pushImage(pusher, 'team/broken', 'v1', broken);
      database = await testDatabase(dialect);
      if (!database) return;
      const config = loadServerConfig({ port: 0, dataDir, databaseUrl: database.url, adminPassword: ADMIN_PASSWORD, logLevel: 'debug' });
      const log = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
      server = await startServer(config, { log, clock: () => new Date(Date.now() + offsetMs) });
      admin = new ApiClient(server.url);
      await admin.login('admin', ADMIN_PASSWORD);
      created = (await admin.post<Registry>('/api/v1/registries', { name: 'scheduled', url: `http://${registry.host}`, username: registry.username, password: registry.password, syncIntervalMinutes: 5, rescanHours: 1 })).body;
    });
    afterAll(async () => {
      await server?.close();
      await database?.drop();
      await registry?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const state = async () => (await admin.get<Registry>(`/api/v1/registries/${created.id}`)).body;
    const scansOf = async (repository: string) => {
      const image = (await admin.get<{ items: RegistryImage[] }>(`/api/v1/images?repository=${repository}`)).body.items[0]!;
      return (await admin.get<{ items: ImageScan[] }>(`/api/v1/images/${image.id}/scans`)).body.items;
    };
    const tick = async () => {
      await server.context.registrySync.syncDue();
      await server.context.imageScans.idle();
    };

    it('syncs a new registry at the first tick and fails the unreadable image with its reason', async (context) => {
      if (!database) return context.skip();
      expect(created.status).toBe('new');
      await tick();
      expect(await state()).toMatchObject({ status: 'ok', images: 3, lastError: null });
      expect((await scansOf('team/app')).map((scan) => `${scan.reason} ${scan.status}`)).toEqual(['new-tag done']);
      const [failed] = await scansOf('team/broken');
      expect(failed).toMatchObject({ status: 'failed', reason: 'new-tag', counts: null });
      // The reader sniffs content rather than trusting the media type: it reads a tar and finds it cut short.
      expect(failed?.error).toMatch(/^layer 1 \(sha256:[0-9a-f]{64}\): tar data ends early .*truncated/);
      expect((await admin.get<{ total: number }>('/api/v1/images?scanStatus=failed')).body.total).toBe(1);
    });

    it('gives a tag at a digest already scanned that result, matched again, without reading the image twice', async (context) => {
      if (!database) return context.skip();
      const detail = async (repository: string) => {
        const image = (await admin.get<{ items: RegistryImage[] }>(`/api/v1/images?repository=${repository}`)).body.items[0]!;
        return (await admin.get<ImageDetail>(`/api/v1/images/${image.id}`)).body;
      };
      const [alias, app] = [await detail('team/alias'), await detail('team/app')];
      expect(alias.digest).toBe(app.digest);
      // Both were queued by one sync: whichever ran first read the image, the other took its result.
      const [read, reused] = alias.result?.reusedFrom === null ? [alias, app] : [app, alias];
      expect(read.result?.reusedFrom).toBeNull();
      expect(reused.result?.reusedFrom).toBe(read.resultScan?.id);
      expect(reused.result?.packages).toEqual(read.result?.packages);
      expect(logLines.filter((line) => line.includes('image scan done') && line.includes('team/'))).toHaveLength(1);
      expect(logLines.join('')).toContain('image scan result reused for the same digest');
    });

    it('waits for the interval, then syncs; rescans only what is older than the rescan period', async (context) => {
      if (!database) return context.skip();
      const first = (await state()).lastSyncAt;
      await tick();
      expect((await state()).lastSyncAt).toBe(first);
      offsetMs = 6 * MINUTE;
      await tick();
      const second = (await state()).lastSyncAt;
      expect(second).not.toBe(first);
      expect((await scansOf('team/app')).map((scan) => scan.reason)).toEqual(['new-tag']);
      offsetMs = 62 * MINUTE;
      await tick();
      expect((await scansOf('team/app')).map((scan) => `${scan.reason} ${scan.status}`)).toEqual(['schedule done', 'new-tag done']);
      // A failed scan is retried on the same period, not at every sync.
      expect((await scansOf('team/broken')).map((scan) => `${scan.reason} ${scan.status}`)).toEqual(['schedule failed', 'new-tag failed']);
    });

    it('logs syncs and scans without the password', async (context) => {
      if (!database) return context.skip();
      const log = logLines.join('');
      expect(log).toContain('registry synced');
      expect(log).toContain('image scan failed');
      expect(log).not.toContain(registry.password);
      expect(log).not.toContain(Buffer.from(`${registry.username}:${registry.password}`).toString('base64'));
    });
  });
}
