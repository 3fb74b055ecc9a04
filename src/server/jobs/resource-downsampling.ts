// Keeps resource history small (issue 3: "the server keeps a downsampled history"): minute samples
// older than a day become one averaged row per host and hour, and the minute rows go. Only whole
// hours are folded, so an hour is never averaged from part of its samples.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../store/schema.js';
import { RAW_RESOLUTION_SECONDS } from '../store/resource-samples.js';

export const HOURLY_RESOLUTION_SECONDS = 3600;
export const RAW_KEPT_MS = 24 * 3600_000;

/** Folds minute samples before the whole hour a day ago into hourly averages; returns rows folded. */
export async function downsampleResources(db: Kysely<Database>, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - RAW_KEPT_MS);
  cutoff.setUTCMinutes(0, 0, 0);
  const before = cutoff.toISOString();
  // ISO times sort and cut as text on both databases: the first 13 characters name the hour.
  const hour = sql<string>`substr(at, 1, 13) || ':00:00.000Z'`;
  return db.transaction().execute(async (trx) => {
    const hourly = await trx
      .selectFrom('resource_samples')
      .select((eb) => [
        'tenant_id',
        'host_id',
        hour.as('hour'),
        eb.fn.avg<number>('cpu_percent').as('cpu_percent'),
        eb.fn.avg<number>('memory_used_bytes').as('memory_used_bytes'),
        eb.fn.max('memory_total_bytes').as('memory_total_bytes'),
        eb.fn.avg<number>('disk_used_bytes').as('disk_used_bytes'),
        eb.fn.max('disk_total_bytes').as('disk_total_bytes'),
        // Network counters only grow: the hour's last reading is the one to keep.
        eb.fn.max('net_rx_bytes').as('net_rx_bytes'),
        eb.fn.max('net_tx_bytes').as('net_tx_bytes'),
      ])
      .where('resolution', '=', RAW_RESOLUTION_SECONDS)
      .where('at', '<', before)
      .groupBy(['tenant_id', 'host_id', hour])
      .execute();
    if (hourly.length === 0) return 0;
    for (let start = 0; start < hourly.length; start += 500) {
      await trx
        .insertInto('resource_samples')
        .values(
          hourly.slice(start, start + 500).map((row) => ({
            tenant_id: row.tenant_id,
            host_id: row.host_id,
            at: row.hour,
            resolution: HOURLY_RESOLUTION_SECONDS,
            cpu_percent: row.cpu_percent === null ? null : Number(row.cpu_percent),
            memory_used_bytes: row.memory_used_bytes === null ? null : Number(row.memory_used_bytes),
            memory_total_bytes: row.memory_total_bytes === null ? null : Number(row.memory_total_bytes),
            disk_used_bytes: row.disk_used_bytes === null ? null : Number(row.disk_used_bytes),
            disk_total_bytes: row.disk_total_bytes === null ? null : Number(row.disk_total_bytes),
            net_rx_bytes: row.net_rx_bytes === null ? null : Number(row.net_rx_bytes),
            net_tx_bytes: row.net_tx_bytes === null ? null : Number(row.net_tx_bytes),
          })),
        )
        // An agent that was offline may deliver an old hour late: its average replaces the row.
        .onConflict((oc) => oc.columns(['host_id', 'resolution', 'at']).doUpdateSet((eb) => ({ cpu_percent: eb.ref('excluded.cpu_percent'), memory_used_bytes: eb.ref('excluded.memory_used_bytes') })))
        .execute();
    }
    const removed = await trx.deleteFrom('resource_samples').where('resolution', '=', RAW_RESOLUTION_SECONDS).where('at', '<', before).executeTakeFirst();
    return Number(removed.numDeletedRows);
  });
}

/** Runs the downsampling every hour until stopped. */
export function startResourceDownsampling(db: Kysely<Database>, clock: () => Date, log: Logger): () => void {
  const run = () =>
    downsampleResources(db, clock()).then(
      (folded) => folded > 0 && log.info({ folded }, 'resource samples downsampled'),
      (error: unknown) => log.error({ err: error }, 'resource downsampling failed'),
    );
  const timer = setInterval(run, 3600_000);
  timer.unref();
  void run();
  return () => clearInterval(timer);
}
