// Vulnerability findings (issue 4 part 4): one row per host, advisory and installed package, kept
// through its lifecycle (open → fixed, or ignored by a rule), and the tenant's ignore rules.
import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

export const vulnerabilities: Migration = {
  name: '005-vulnerabilities',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('vulnerability_findings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('host_id', 'text', (c) => c.notNull().references('hosts.id').onDelete('cascade'))
      .addColumn('advisory_id', 'text', (c) => c.notNull())
      /** JSON array of CVE and other ids. */
      .addColumn('aliases', 'text', (c) => c.notNull())
      .addColumn('ecosystem', 'text', (c) => c.notNull())
      .addColumn('package', 'text', (c) => c.notNull())
      /** Where the package was found (package database, jar path); '' when unknown. */
      .addColumn('location', 'text', (c) => c.notNull())
      .addColumn('installed_version', 'text', (c) => c.notNull())
      .addColumn('fixed_version', 'text')
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('score', 'real')
      .addColumn('cvss_vector', 'text')
      .addColumn('summary', 'text')
      /** JSON array of URLs. */
      .addColumn('reference_urls', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      /** The ignore rule that makes it ignored. */
      .addColumn('ignore_id', 'text')
      .addColumn('first_seen', 'text', (c) => c.notNull())
      .addColumn('last_seen', 'text', (c) => c.notNull())
      .addColumn('fixed_at', 'text')
      .addUniqueConstraint('vulnerability_findings_identity', ['host_id', 'advisory_id', 'ecosystem', 'package', 'location'])
      .execute();
    await db.schema.createIndex('vulnerability_findings_tenant').on('vulnerability_findings').columns(['tenant_id', 'status', 'severity']).execute();
    await db.schema.createIndex('vulnerability_findings_advisory').on('vulnerability_findings').columns(['tenant_id', 'advisory_id']).execute();
    await db.schema
      .createTable('vulnerability_ignores')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      /** Null fields match anything; at least one of advisory, package and host is set. */
      .addColumn('advisory_id', 'text')
      .addColumn('package', 'text')
      .addColumn('host_id', 'text', (c) => c.references('hosts.id').onDelete('cascade'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('vulnerability_ignores_tenant').on('vulnerability_ignores').column('tenant_id').execute();
  },
};
