// Tenants (organisations). Creating and listing them is a platform operation, outside any scope.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Tenant } from '../../model/account.js';
import type { Database, TenantsTable } from './schema.js';

export function presentTenant(row: TenantsTable): Tenant {
  return { id: row.id, name: row.name, createdAt: row.created_at };
}

export async function createTenant(db: Kysely<Database>, name: string, now: Date): Promise<Tenant> {
  const row = { id: randomUUID(), name, created_at: now.toISOString() };
  await db.insertInto('tenants').values(row).execute();
  return presentTenant(row);
}

export async function findTenantByName(db: Kysely<Database>, name: string): Promise<Tenant | null> {
  const row = await db.selectFrom('tenants').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? presentTenant(row) : null;
}

export async function getTenant(db: Kysely<Database>, id: string): Promise<Tenant | null> {
  const row = await db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? presentTenant(row) : null;
}

export async function listTenants(db: Kysely<Database>): Promise<Tenant[]> {
  const rows = await db.selectFrom('tenants').selectAll().orderBy('created_at').execute();
  return rows.map(presentTenant);
}
