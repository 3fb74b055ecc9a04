// Host inventory (one row per fact, with first and last seen), sampled resource use, and the
// event stream every detection writes to.
import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

export const inventoryAndEvents: Migration = {
  name: '002-inventory-events',
  async up(db: Kysely<unknown>, dialect) {
    const serial = dialect === 'postgres' ? 'bigserial' : 'integer';
    await db.schema
      .createTable('host_facts')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('host_id', 'text', (c) => c.notNull().references('hosts.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('version', 'text')
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('first_seen', 'text', (c) => c.notNull())
      .addColumn('last_seen', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('host_facts_pk', ['host_id', 'kind', 'key'])
      .execute();
    await db.schema.createIndex('host_facts_search').on('host_facts').columns(['tenant_id', 'kind', 'name']).execute();
    await db.schema
      .createTable('resource_samples')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('host_id', 'text', (c) => c.notNull().references('hosts.id').onDelete('cascade'))
      .addColumn('at', 'text', (c) => c.notNull())
      /** Samples are kept at full resolution for a day, then averaged per hour (the `resolution` in seconds). */
      .addColumn('resolution', 'integer', (c) => c.notNull())
      .addColumn('cpu_percent', 'real')
      .addColumn('memory_used_bytes', 'real')
      .addColumn('memory_total_bytes', 'real')
      .addColumn('disk_used_bytes', 'real')
      .addColumn('disk_total_bytes', 'real')
      .addColumn('net_rx_bytes', 'real')
      .addColumn('net_tx_bytes', 'real')
      .addPrimaryKeyConstraint('resource_samples_pk', ['host_id', 'resolution', 'at'])
      .execute();
    await db.schema
      .createTable('events')
      .addColumn('id', serial, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('host_id', 'text', (c) => c.references('hosts.id').onDelete('cascade'))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('dedupe_key', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('first_seen', 'text', (c) => c.notNull())
      .addColumn('last_seen', 'text', (c) => c.notNull())
      .addColumn('status_changed_by', 'text')
      .addColumn('status_changed_at', 'text')
      .execute();
    await db.schema.createIndex('events_tenant_seen').on('events').columns(['tenant_id', 'last_seen']).execute();
    await db.schema.createIndex('events_dedupe').on('events').columns(['tenant_id', 'host_id', 'type', 'dedupe_key']).execute();
  },
};
