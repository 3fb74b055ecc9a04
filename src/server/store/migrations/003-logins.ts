// Login attempts reported by agents (issue 5), kept so detections can look back over a window
// across every host of a tenant, and the whitelist rules applied when detecting.
import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

export const logins: Migration = {
  name: '003-logins',
  async up(db: Kysely<unknown>, dialect) {
    const serial = dialect === 'postgres' ? 'bigserial' : 'integer';
    await db.schema
      .createTable('login_events')
      .addColumn('id', serial, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('host_id', 'text', (c) => c.notNull().references('hosts.id').onDelete('cascade'))
      /** The log line's time, or the reception time for a line without one. */
      .addColumn('time', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('service', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      /** How a success authenticated (password, publickey…); null for failures. */
      .addColumn('method', 'text')
      .addColumn('username', 'text')
      .addColumn('source_ip', 'text')
      .addColumn('source_port', 'integer')
      /** The host name the log line names (may differ from the agent's host for forwarded logs). */
      .addColumn('log_host', 'text')
      .addColumn('file', 'text', (c) => c.notNull())
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .execute();
    // The detection windows: by source across the tenant, by account across the tenant, and
    // one account's past logins on a host (abnormal-login history).
    await db.schema.createIndex('login_events_source').on('login_events').columns(['tenant_id', 'source_ip', 'time']).execute();
    await db.schema.createIndex('login_events_user').on('login_events').columns(['tenant_id', 'username', 'time']).execute();
    await db.schema.createIndex('login_events_host_user').on('login_events').columns(['host_id', 'username', 'type']).execute();
    await db.schema
      .createTable('whitelists')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('source', 'text')
      .addColumn('username', 'text')
      /** JSON array of host ids; empty covers every host of the tenant. */
      .addColumn('host_ids', 'text', (c) => c.notNull())
      .addColumn('hours_from', 'integer')
      .addColumn('hours_to', 'integer')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('whitelists_tenant').on('whitelists').columns(['tenant_id']).execute();
  },
};
