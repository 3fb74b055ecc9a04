// Active response (issue 5, "Response"): each tenant's automatic-blocking setting, and the blocks
// of source addresses on hosts with their lifecycle (active → lifted or expired).
import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

export const response: Migration = {
  name: '008-response',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('response_settings')
      .addColumn('tenant_id', 'text', (c) => c.primaryKey())
      /** 1 when detections block their source automatically. */
      .addColumn('auto_block', 'integer', (c) => c.notNull())
      .addColumn('block_seconds', 'integer', (c) => c.notNull())
      /** JSON array of login detection types that trigger a block. */
      .addColumn('triggers', 'text', (c) => c.notNull())
      /** JSON array of networks never blocked. */
      .addColumn('management_cidrs', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('blocks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('host_id', 'text', (c) => c.notNull().references('hosts.id').onDelete('cascade'))
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('event_id', 'integer')
      /** active or lifted; an active block past expires_at reads as expired. */
      .addColumn('state', 'text', (c) => c.notNull())
      /** pending, applied, removed or failed: the agent's last report. */
      .addColumn('agent_state', 'text', (c) => c.notNull())
      .addColumn('agent_error', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('lifted_by', 'text')
      .addColumn('lifted_at', 'text')
      .execute();
    await db.schema.createIndex('blocks_tenant').on('blocks').columns(['tenant_id', 'state', 'expires_at']).execute();
    await db.schema.createIndex('blocks_host_source').on('blocks').columns(['host_id', 'source', 'state']).execute();
  },
};
