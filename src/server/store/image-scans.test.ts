// The registry tables on SQLite and on a real PostgreSQL: the sealed password, the scan queue
// (a waiting scan is joined, a scan is claimed by one worker only, interrupted ones come back)
// and how much history a tag keeps.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, testDatabase, type TestDatabase } from '../../../test/support/stores.js';
import { CreateRegistry, type ImageScanResult } from '../../model/registry-api.js';
import { SecretBox } from '../secret-box.js';
import { openStore, type Store } from './database.js';
import { claimNextScan, finishScan, KEEP_RESULTS, listScansOfImage, queueScan, requeueInterrupted } from './image-scans.js';
import { createRegistry, passwordBinding, updateRegistry } from './registries.js';
import { insertImage, listImages, type RegistryImageRow } from './registry-images.js';
import { TenantScope } from './tenant-scope.js';
import { createTenant } from './tenants.js';

const DIGEST = `sha256:${'1'.repeat(64)}`;

function result(critical: number): ImageScanResult {
  const vulnerability: ImageScanResult['vulnerabilities'][number] = { id: 'DSA-1', aliases: [], package: 'libssl3', installedVersion: '1', fixedVersion: '2', severity: 'critical', score: 9.8, cvssVector: null, ecosystem: 'Debian:12', advisoryPackage: 'openssl', summary: null, references: [], purl: null, location: null, published: null, modified: '2026-01-01T00:00:00Z' };
  return {
    image: { name: 'x', format: 'registry', id: DIGEST, repoTags: [], size: 0, user: '', entrypoint: [], cmd: [], exposedPorts: [], envNames: [], labels: {}, layers: [] },
    history: null,
    packages: [],
    jars: [],
    vulnerabilities: Array.from({ length: critical }, () => vulnerability),
    vulnerabilityScan: null,
    secrets: [],
    malware: [],
    warnings: [],
  };
}

for (const dialect of DIALECTS) {
  describe(`registry store on ${dialect}`, () => {
    let database: TestDatabase | null;
    let store: Store;
    let scope: TenantScope;
    let image: RegistryImageRow;
    let now = new Date('2026-11-27T08:00:00Z');
    const dir = mkdtempSync(join(tmpdir(), 'palisade-registry-store-'));
    const secrets = SecretBox.load(dir, undefined);
    const tick = () => (now = new Date(now.getTime() + 60_000));

    beforeAll(async () => {
      database = await testDatabase(dialect);
      if (!database) return;
      store = await openStore(database.url);
      const tenant = await createTenant(store.db, 'acme', now);
      scope = new TenantScope(store.db, tenant.id, () => now);
    });
    afterAll(async () => {
      await store?.close();
      await database?.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('seals the password bound to its row, replaces and removes it', async (context) => {
      if (!database) return context.skip();
      const row = await createRegistry(scope, CreateRegistry.parse({ name: 'hub', url: 'https://registry.example:5000/', username: 'bot', password: 's3cret-token' }), secrets);
      expect(row.url).toBe('https://registry.example:5000');
      const stored = await store.db.selectFrom('registries').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
      expect(JSON.stringify(stored)).not.toContain('s3cret-token');
      expect(secrets.open(stored.sealed_password!, passwordBinding(stored))).toBe('s3cret-token');
      const replaced = await updateRegistry(scope, stored, { password: 'other-token' }, secrets);
      expect(secrets.open(replaced.sealed_password!, passwordBinding(replaced))).toBe('other-token');
      expect((await updateRegistry(scope, replaced, { password: '' }, secrets)).sealed_password).toBeNull();
      image = await insertImage(scope, row.id, 'team/app', 'v1', DIGEST);
    });

    it('joins a waiting scan, gives a scan to one worker only, and queues interrupted ones again', async (context) => {
      if (!database) return context.skip();
      const first = await queueScan(scope, image, 'new-tag');
      const second = await queueScan(scope, image, 'manual');
      expect(first.queued).toBe(true);
      expect(second).toEqual({ scan: first.scan, queued: false });
      const claims = await Promise.all([claimNextScan(store.db, now.toISOString()), claimNextScan(store.db, now.toISOString())]);
      expect(claims.filter((claim) => claim !== null).map((claim) => claim!.id)).toEqual([first.scan.id]);
      tick();
      expect(await requeueInterrupted(store.db, now.toISOString())).toBe(1);
      const again = await claimNextScan(store.db, now.toISOString());
      expect(again?.id).toBe(first.scan.id);
      await finishScan(store.db, again!, DIGEST, result(1), now.toISOString());
      expect((await listImages(scope, { limit: 10, offset: 0, severity: 'critical' })).total).toBe(1);
      expect((await listImages(scope, { limit: 10, offset: 0, severity: 'high' })).total).toBe(0);
    });

    it('runs a scan someone asked for before scheduled ones queued earlier, new tags in between', async (context) => {
      if (!database) return context.skip();
      const registryId = image.registry_id;
      const images = await Promise.all(['a', 'b', 'c'].map((tag) => insertImage(scope, registryId, 'team/order', tag, DIGEST)));
      for (const [index, reason] of (['schedule', 'new-tag', 'manual'] as const).entries()) {
        tick();
        await queueScan(scope, images[index]!, reason);
      }
      const order: string[] = [];
      for (let claimed = await claimNextScan(store.db, now.toISOString()); claimed; claimed = await claimNextScan(store.db, now.toISOString())) {
        order.push(`${claimed.tag} ${claimed.reason}`);
        await finishScan(store.db, claimed, DIGEST, result(0), now.toISOString());
      }
      expect(order).toEqual(['c manual', 'b new-tag', 'a schedule']);
    });

    it(`keeps the results of the latest ${KEEP_RESULTS} scans of a tag and the counts of all`, async (context) => {
      if (!database) return context.skip();
      for (let n = 0; n < KEEP_RESULTS + 2; n += 1) {
        tick();
        await queueScan(scope, image, 'schedule');
        const claimed = await claimNextScan(store.db, now.toISOString());
        tick();
        await finishScan(store.db, claimed!, DIGEST, result(n % 3), now.toISOString());
      }
      const history = await listScansOfImage(scope, image.id, { limit: 100, offset: 0 });
      expect(history.total).toBe(KEEP_RESULTS + 3);
      expect(history.items.every((scan) => scan.counts !== null)).toBe(true);
      const kept = await store.db.selectFrom('image_scans').select('id').where('image_id', '=', image.id).where('result', 'is not', null).orderBy('finished_at', 'desc').execute();
      expect(kept.map((row) => row.id)).toEqual(history.items.slice(0, KEEP_RESULTS).map((scan) => scan.id));
    });
  });
}
