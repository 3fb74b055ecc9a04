// An event processor turns one kind of agent event into store rows (inventory, events…), inside
// the ingestion transaction: the event is acknowledged only once its effects are committed too,
// and a replayed event (a duplicate by spool and sequence) is never processed twice.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { AgentEvent } from '../../model/host.js';
import type { Database } from '../store/schema.js';

export interface ProcessContext {
  readonly db: Kysely<Database>;
  readonly host: { readonly id: string; readonly tenant_id: string };
  readonly log: Logger;
  /** Reception time, ISO 8601. */
  readonly at: string;
}

export interface EventProcessor {
  /** Agent event types it handles. */
  readonly types: readonly string[];
  /**
   * Validates `event.data` first: malformed data is logged and skipped (the raw event stays
   * stored), so only real store failures roll the batch back.
   */
  process(event: AgentEvent, context: ProcessContext): Promise<void>;
}
