// Ingestion of agent events. Idempotent by (host, spool, seq): a replayed batch inserts nothing
// new, and the agent's events are acknowledged only after this transaction commits.
import type { Kysely } from 'kysely';
import pino from 'pino';
import type { Logger } from 'pino';
import type { AgentEventBatch } from '../../model/host.js';
import { eventProcessors } from '../ingest/index.js';
import type { Database } from './schema.js';

const quiet = pino({ level: 'silent' });

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
  log: Logger = quiet,
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
    const fresh = new Set<number>();
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
      const stored = await trx
        .insertInto('agent_events')
        .values(rows.slice(start, start + ROWS_PER_INSERT))
        .onConflict((oc) => oc.columns(['host_id', 'spool_id', 'seq']).doNothing())
        .returning('seq')
        .execute();
      for (const row of stored) fresh.add(Number(row.seq));
    }
    // Only events stored just now are processed, in the agent's order: a replay changes nothing.
    for (const event of batch.events) {
      const processor = eventProcessors.get(event.type);
      if (processor && fresh.has(event.seq)) await processor.process(event, { db: trx, host, log, at: receivedAt });
    }
    await trx.updateTable('hosts').set({ last_seen_at: receivedAt }).where('id', '=', host.id).execute();
    return fresh.size;
  });
  return { acked: batch.events.map((event) => event.seq), inserted, duplicates: rows.length - inserted };
}
