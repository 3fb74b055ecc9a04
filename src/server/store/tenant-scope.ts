// Tenant isolation lives here and nowhere else (DESIGN.md "Conventions"): every read, update and
// delete of a tenant's table goes through a TenantScope, which adds `tenant_id = <this tenant>`,
// and every insert through it stamps the tenant. Routes never see the raw database; an object of
// another tenant is simply not found.
import { sql } from 'kysely';
import type { DeleteQueryBuilder, DeleteResult, Insertable, Kysely, SelectQueryBuilder, UpdateQueryBuilder, UpdateResult } from 'kysely';
import type { Database } from './schema.js';

export type TenantTable = {
  [K in keyof Database]: Database[K] extends { tenant_id: string } ? K : never;
}[keyof Database];

export type Clock = () => Date;

export class TenantScope {
  constructor(
    readonly db: Kysely<Database>,
    readonly tenantId: string,
    readonly clock: Clock,
  ) {}

  now(): string {
    return this.clock().toISOString();
  }

  // Kysely cannot type a `where` over a generic table name, so the condition is built on the
  // union of tenant tables and the builder is handed back typed for the one table asked for.
  selectFrom<T extends TenantTable>(table: T): SelectQueryBuilder<Database, T, object> {
    const query = this.db.selectFrom(table as TenantTable).where(sql.ref(`${table}.tenant_id`), '=', this.tenantId);
    return query as unknown as SelectQueryBuilder<Database, T, object>;
  }

  updateTable<T extends TenantTable>(table: T): UpdateQueryBuilder<Database, T, T, UpdateResult> {
    const query = this.db.updateTable(table as TenantTable).where(sql.ref(`${table}.tenant_id`), '=', this.tenantId);
    return query as unknown as UpdateQueryBuilder<Database, T, T, UpdateResult>;
  }

  deleteFrom<T extends TenantTable>(table: T): DeleteQueryBuilder<Database, T, DeleteResult> {
    const query = this.db.deleteFrom(table as TenantTable).where(sql.ref(`${table}.tenant_id`), '=', this.tenantId);
    return query as unknown as DeleteQueryBuilder<Database, T, DeleteResult>;
  }

  insertInto<T extends TenantTable>(table: T, row: Omit<Insertable<Database[T]>, 'tenant_id'>) {
    return this.db.insertInto(table).values({ ...row, tenant_id: this.tenantId } as unknown as Insertable<Database[T]>);
  }
}
