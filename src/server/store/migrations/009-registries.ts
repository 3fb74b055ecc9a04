// Container registries (issue 7 part 7): the tenant's registries with their credentials sealed
// (secret-box.ts), the repository tags a sync finds, and the scans of those images with their
// results. A scan row is its own queue entry: workers claim it by moving it from queued to running.
import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

export const registries: Migration = {
  name: '009-registries',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('registries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('username', 'text', (c) => c.notNull())
      /** AES-256-GCM sealed password or token; null when there is none. */
      .addColumn('sealed_password', 'text')
      .addColumn('tls_verify', 'integer', (c) => c.notNull())
      .addColumn('repository_filter', 'text', (c) => c.notNull())
      .addColumn('sync_interval_minutes', 'integer', (c) => c.notNull())
      .addColumn('rescan_hours', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('last_error', 'text')
      /** The last attempt, successful or not: the schedule counts from it. */
      .addColumn('last_sync_at', 'text')
      .addColumn('last_success_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('registries_tenant_name', ['tenant_id', 'name'])
      .execute();
    await db.schema
      .createTable('registry_images')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('registry_id', 'text', (c) => c.notNull().references('registries.id').onDelete('cascade'))
      .addColumn('repository', 'text', (c) => c.notNull())
      .addColumn('tag', 'text', (c) => c.notNull())
      .addColumn('digest', 'text')
      .addColumn('first_seen', 'text', (c) => c.notNull())
      .addColumn('last_seen', 'text', (c) => c.notNull())
      .addColumn('digest_changed_at', 'text')
      .addColumn('removed_at', 'text')
      /** The latest scan of any state, and the latest finished one (the results shown). */
      .addColumn('last_scan_id', 'text')
      .addColumn('result_scan_id', 'text')
      .addUniqueConstraint('registry_images_tag', ['registry_id', 'repository', 'tag'])
      .execute();
    await db.schema.createIndex('registry_images_tenant').on('registry_images').columns(['tenant_id', 'repository', 'tag']).execute();
    await db.schema
      .createTable('image_scans')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('image_id', 'text', (c) => c.notNull().references('registry_images.id').onDelete('cascade'))
      .addColumn('repository', 'text', (c) => c.notNull())
      .addColumn('tag', 'text', (c) => c.notNull())
      .addColumn('digest', 'text')
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('queued_at', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text')
      .addColumn('finished_at', 'text')
      /** Vulnerability counts by severity, for filtering; the other counts live in `counts`. */
      .addColumn('critical', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('high', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('medium', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('low', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('secrets', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('malware', 'integer', (c) => c.notNull().defaultTo(0))
      /** JSON ImageScanCounts, when done. */
      .addColumn('counts', 'text')
      /** JSON ImageScanResult, when done. */
      .addColumn('result', 'text')
      .execute();
    await db.schema.createIndex('image_scans_queue').on('image_scans').columns(['status', 'queued_at']).execute();
    await db.schema.createIndex('image_scans_image').on('image_scans').columns(['image_id', 'queued_at']).execute();
  },
};
