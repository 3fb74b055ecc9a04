// Downsampling on both databases, with a fixed clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, testDatabase } from '../../../test/support/stores.js';
import type { TestDatabase } from '../../../test/support/stores.js';
import { openStore } from '../store/database.js';
import type { Store } from '../store/database.js';
import { createTenant } from '../store/tenants.js';
import { downsampleResources, HOURLY_RESOLUTION_SECONDS } from './resource-downsampling.js';

const now = new Date('2026-11-27T10:20:00.000Z');

for (const dialect of DIALECTS) {
  describe(`resource downsampling on ${dialect}`, () => {
    let database: TestDatabase | null;
    let store: Store;
    beforeAll(async () => {
      database = await testDatabase(dialect);
      if (database) store = await openStore(database.url);
    });
    afterAll(async () => {
      await store?.close();
      await database?.drop();
    });

    it('averages whole hours older than a day and keeps the last day at full resolution', async (context) => {
      if (!database) return context.skip();
      const tenant = await createTenant(store.db, 'acme', now);
      await store.db
        .insertInto('hosts')
        .values({ id: 'h1', tenant_id: tenant.id, machine_id: 'm', hostname: 'h1', ips: '[]', os_name: '', os_version: '', kernel: '', arch: '', agent_version: '', components: '[]', protection_plan: '', credential_hash: 'c', enrolled_with: null, installed_at: '', last_seen_at: '', uninstalled_at: null })
        .execute();
      const sample = (at: string, cpu: number, rx: number) => ({
        tenant_id: tenant.id, host_id: 'h1', at, resolution: 60, cpu_percent: cpu, memory_used_bytes: cpu * 1000, memory_total_bytes: 8e9,
        disk_used_bytes: 5e9, disk_total_bytes: 1e10, net_rx_bytes: rx, net_tx_bytes: rx / 2,
      });
      await store.db
        .insertInto('resource_samples')
        .values([
          sample('2026-11-26T08:00:00.000Z', 10, 100),
          sample('2026-11-26T08:30:00.000Z', 30, 300),
          sample('2026-11-26T09:59:00.000Z', 50, 500),
          // 10:05 a day ago is inside the hour the cutoff (10:00) starts: it stays raw for now.
          sample('2026-11-26T10:05:00.000Z', 70, 700),
          sample('2026-11-27T10:00:00.000Z', 90, 900),
        ])
        .execute();
      expect(await downsampleResources(store.db, now)).toBe(3);
      const rows = await store.db.selectFrom('resource_samples').select(['at', 'resolution', 'cpu_percent', 'net_rx_bytes']).orderBy('resolution').orderBy('at').execute();
      expect(rows.map((row) => ({ ...row, resolution: Number(row.resolution), cpu_percent: Number(row.cpu_percent), net_rx_bytes: Number(row.net_rx_bytes) }))).toEqual([
        { at: '2026-11-26T10:05:00.000Z', resolution: 60, cpu_percent: 70, net_rx_bytes: 700 },
        { at: '2026-11-27T10:00:00.000Z', resolution: 60, cpu_percent: 90, net_rx_bytes: 900 },
        { at: '2026-11-26T08:00:00.000Z', resolution: HOURLY_RESOLUTION_SECONDS, cpu_percent: 20, net_rx_bytes: 300 },
        { at: '2026-11-26T09:00:00.000Z', resolution: HOURLY_RESOLUTION_SECONDS, cpu_percent: 50, net_rx_bytes: 500 },
      ]);
      // Nothing left to fold: a second run changes nothing.
      expect(await downsampleResources(store.db, now)).toBe(0);
    });
  });
}
