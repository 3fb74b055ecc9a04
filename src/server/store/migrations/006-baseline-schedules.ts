// Baseline schedules per tenant, the policies a tenant trusts to run command rules on its agents,
// and every scan's result per check (the history behind per-check trends and pass rates).
import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

export const baselineSchedules: Migration = {
  name: '006-baseline-schedules',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('baseline_schedules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      /** JSON array of policy ids; null: every policy. */
      .addColumn('policy_ids', 'text')
      /** JSON array of host ids; null: every host of the tenant. */
      .addColumn('host_ids', 'text')
      .addColumn('interval_hours', 'integer')
      /** "HH:MM" UTC; set instead of interval_hours. */
      .addColumn('daily_at', 'text')
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('next_run_at', 'text')
      .addColumn('last_run_at', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('baseline_schedules_due').on('baseline_schedules').columns(['enabled', 'next_run_at']).execute();
    await db.schema.createIndex('baseline_schedules_tenant').on('baseline_schedules').columns(['tenant_id']).execute();
    await db.schema
      .createTable('baseline_policy_trust')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('policy_id', 'text', (c) => c.notNull())
      .addColumn('trusted', 'integer', (c) => c.notNull())
      .addColumn('changed_by', 'text')
      .addColumn('changed_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('baseline_policy_trust_pk', ['tenant_id', 'policy_id'])
      .execute();
    await db.schema
      .createTable('baseline_check_history')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('host_id', 'text', (c) => c.notNull().references('hosts.id').onDelete('cascade'))
      .addColumn('policy_id', 'text', (c) => c.notNull())
      .addColumn('check_id', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('result', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('baseline_check_history_check').on('baseline_check_history').columns(['tenant_id', 'policy_id', 'check_id', 'at']).execute();
    await db.schema.createIndex('baseline_check_history_host').on('baseline_check_history').columns(['host_id', 'at']).execute();
  },
};
