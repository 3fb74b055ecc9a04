// Host groups of a tenant and their members, and the rules that may name a group instead of
// (or besides) hosts: vulnerability ignores, login whitelists, baseline ignores. Membership is
// read when a rule is applied, so a rule never stores a group's hosts.
import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

export const hostGroups: Migration = {
  name: '011-host-groups',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('host_groups')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // Names are how analysts tell groups apart in rules and chips: one of each per tenant.
    await db.schema.createIndex('host_groups_tenant_name').unique().on('host_groups').columns(['tenant_id', 'name']).execute();
    await db.schema
      .createTable('host_group_members')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('group_id', 'text', (c) => c.notNull().references('host_groups.id').onDelete('cascade'))
      .addColumn('host_id', 'text', (c) => c.notNull().references('hosts.id').onDelete('cascade'))
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('host_group_members_pk', ['group_id', 'host_id'])
      .execute();
    await db.schema.createIndex('host_group_members_host').on('host_group_members').columns(['host_id']).execute();
    /** Null: the rule names no group. A group a rule names cannot be deleted (the API answers 409). */
    await db.schema.alterTable('vulnerability_ignores').addColumn('host_group_id', 'text').execute();
    await db.schema.alterTable('baseline_ignores').addColumn('host_group_id', 'text').execute();
    /** JSON array of group ids; with host_ids, the hosts the rule covers (both empty: every host). */
    await db.schema.alterTable('whitelists').addColumn('host_group_ids', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  },
};
