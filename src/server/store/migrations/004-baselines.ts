// Security baselines (issue 7 part 4): the latest result of every check on every host, one row per
// run for the history, and the ignore rules operators set on checks.
import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

export const baselines: Migration = {
  name: '004-baselines',
  async up(db: Kysely<unknown>, dialect) {
    const serial = dialect === 'postgres' ? 'bigserial' : 'integer';
    await db.schema
      .createTable('baseline_results')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('host_id', 'text', (c) => c.notNull().references('hosts.id').onDelete('cascade'))
      .addColumn('policy_id', 'text', (c) => c.notNull())
      .addColumn('check_id', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('evidence', 'text', (c) => c.notNull())
      .addColumn('remediation', 'text')
      /** When the result last changed on this host. */
      .addColumn('since', 'text', (c) => c.notNull())
      .addColumn('checked_at', 'text', (c) => c.notNull())
      /** When the current failure was raised as an event; null while passing or not yet raised. */
      .addColumn('raised_at', 'text')
      .addPrimaryKeyConstraint('baseline_results_pk', ['host_id', 'policy_id', 'check_id'])
      .execute();
    await db.schema.createIndex('baseline_results_check').on('baseline_results').columns(['tenant_id', 'policy_id', 'check_id']).execute();
    await db.schema
      .createTable('baseline_runs')
      .addColumn('id', serial, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('host_id', 'text', (c) => c.notNull().references('hosts.id').onDelete('cascade'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('policies', 'text', (c) => c.notNull())
      .addColumn('passed', 'integer', (c) => c.notNull())
      .addColumn('failed', 'integer', (c) => c.notNull())
      .addColumn('not_applicable', 'integer', (c) => c.notNull())
      .addColumn('error', 'integer', (c) => c.notNull())
      .addColumn('failed_checks', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('baseline_runs_host').on('baseline_runs').columns(['host_id', 'at']).execute();
    await db.schema
      .createTable('baseline_ignores')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('policy_id', 'text', (c) => c.notNull())
      .addColumn('check_id', 'text', (c) => c.notNull())
      .addColumn('host_id', 'text', (c) => c.references('hosts.id').onDelete('cascade'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('baseline_ignores_check').on('baseline_ignores').columns(['tenant_id', 'policy_id', 'check_id']).execute();
  },
};
