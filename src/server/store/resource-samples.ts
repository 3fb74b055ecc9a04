// Resource use over time. Samples arrive every minute; the history the console shows is the
// raw minute samples of the last day and hourly averages beyond (downsampled by the retention job).
import type { Kysely } from 'kysely';
import type { Resources } from '../../model/inventory.js';
import type { Database } from './schema.js';
import type { TenantScope } from './tenant-scope.js';

export const RAW_RESOLUTION_SECONDS = 60;

export async function recordResourceSample(db: Kysely<Database>, host: { id: string; tenant_id: string }, sample: Resources): Promise<void> {
  const disks = sample.disks.reduce((sum, disk) => ({ used: sum.used + disk.usedBytes, total: sum.total + disk.totalBytes }), { used: 0, total: 0 });
  const network = sample.network.reduce((sum, nic) => ({ rx: sum.rx + nic.rxBytes, tx: sum.tx + nic.txBytes }), { rx: 0, tx: 0 });
  await db
    .insertInto('resource_samples')
    .values({
      tenant_id: host.tenant_id,
      host_id: host.id,
      at: sample.sampledAt,
      resolution: RAW_RESOLUTION_SECONDS,
      cpu_percent: sample.cpu.usagePercent,
      memory_used_bytes: sample.memory.usedBytes,
      memory_total_bytes: sample.memory.totalBytes,
      disk_used_bytes: disks.used,
      disk_total_bytes: disks.total,
      net_rx_bytes: network.rx,
      net_tx_bytes: network.tx,
    })
    .onConflict((oc) => oc.columns(['host_id', 'resolution', 'at']).doNothing())
    .execute();
}

export async function listResourceSamples(scope: TenantScope, hostId: string, since: string, limit: number) {
  const rows = await scope.selectFrom('resource_samples').selectAll().where('host_id', '=', hostId).where('at', '>=', since).orderBy('at').limit(limit).execute();
  return rows.map((row) => ({
    at: row.at,
    resolutionSeconds: Number(row.resolution),
    cpuPercent: row.cpu_percent,
    memoryUsedBytes: row.memory_used_bytes,
    memoryTotalBytes: row.memory_total_bytes,
    diskUsedBytes: row.disk_used_bytes,
    diskTotalBytes: row.disk_total_bytes,
    netRxBytes: row.net_rx_bytes,
    netTxBytes: row.net_tx_bytes,
  }));
}
