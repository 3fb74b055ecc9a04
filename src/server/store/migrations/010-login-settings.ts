// Per-tenant login detection settings (thresholds, threat levels, switches) and whitelist rules
// that expire (issue 5, parts 6 and 7).
import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

export const loginSettings: Migration = {
  name: '010-login-settings',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('login_detection_settings')
      .addColumn('tenant_id', 'text', (c) => c.primaryKey())
      /** The tenant's whole LoginDetectionConfig as JSON, validated before it is written. */
      .addColumn('config', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    /** Null: the rule never expires. After it, the rule covers no new activity. */
    await db.schema.alterTable('whitelists').addColumn('expires_at', 'text').execute();
  },
};
