// Ingestion of agent events. Idempotent by (host, spool, seq): a replayed batch inserts nothing
// new, and the agent's events are acknowledged only after this transaction commits.
import type { Kysely } from 'kysely';
import type { AgentEventBatch } from '../../model/host.js';
import type { Database } from './schema.js';

export interface IngestResult {
  readonly acked: number[];
  readonly inserted: number;
  readonly duplicates: number;
}

// Keeps each INSERT's bound parameters under SQLite's limit (32766) and PostgreSQL's (65535).
const ROWS_PER_INSERT = 500;

export async function ingestAgentEvents(
  db: Kysely<Database>,
  host: { id: string; tenant_id: string },
  batch: AgentEventBatch,
  now: Date,
): Promise<IngestResult> {
  const receivedAt = now.toISOString();
  const rows = batch.events.map((event) => ({
    host_id: host.id,
    spool_id: batch.spoolId,
    seq: event.seq,
    tenant_id: host.tenant_id,
    type: event.type,
    time: event.time,
    data: JSON.stringify(event.data),
    received_at: receivedAt,
  }));
  const inserted = await db.transaction().execute(async (trx) => {
    let count = 0;
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
      const result = await trx
        .insertInto('agent_events')
        .values(rows.slice(start, start + ROWS_PER_INSERT))
        .onConflict((oc) => oc.columns(['host_id', 'spool_id', 'seq']).doNothing())
        .executeTakeFirst();
      count += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    await trx.updateTable('hosts').set({ last_seen_at: receivedAt }).where('id', '=', host.id).execute();
    return count;
  });
  return { acked: batch.events.map((event) => event.seq), inserted, duplicates: rows.length - inserted };
}
