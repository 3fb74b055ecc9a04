// The tenant's container registries. The password is sealed before it reaches the database and
// only the sync and scan jobs open it (registry-endpoint.ts); what the API shows says whether
// there is one, never what it is.
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { CreateRegistry, Registry, RegistryKind, RegistryStatus, UpdateRegistry } from '../../model/registry-api.js';
import type { SecretBox } from '../secret-box.js';
import type { RegistryTable } from './registry-tables.js';
import type { TenantScope } from './tenant-scope.js';

export type RegistryRow = Selectable<RegistryTable>;

/** What a sealed password is bound to: this tenant's registry row. */
export function passwordBinding(row: Pick<RegistryRow, 'tenant_id' | 'id'>): string {
  return `registries.sealed_password:${row.tenant_id}:${row.id}`;
}

export function presentRegistry(row: RegistryRow, images: number): Registry {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    kind: row.kind as RegistryKind,
    username: row.username,
    hasPassword: row.sealed_password !== null,
    tlsVerify: row.tls_verify === 1,
    repositoryFilter: row.repository_filter,
    syncIntervalMinutes: row.sync_interval_minutes,
    rescanHours: row.rescan_hours,
    status: row.status as RegistryStatus,
    lastError: row.last_error,
    lastSyncAt: row.last_sync_at,
    lastSuccessAt: row.last_success_at,
    images,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function imageCounts(scope: TenantScope): Promise<Map<string, number>> {
  const rows = await scope
    .selectFrom('registry_images')
    .select(['registry_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('removed_at', 'is', null)
    .groupBy('registry_id')
    .execute();
  return new Map(rows.map((row) => [row.registry_id, Number(row.count)]));
}

export async function listRegistries(scope: TenantScope): Promise<Registry[]> {
  const rows = await scope.selectFrom('registries').selectAll().orderBy('name').execute();
  const counts = await imageCounts(scope);
  return rows.map((row) => presentRegistry(row, counts.get(row.id) ?? 0));
}

export async function findRegistry(scope: TenantScope, id: string): Promise<RegistryRow | undefined> {
  return scope.selectFrom('registries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function presentOne(scope: TenantScope, row: RegistryRow): Promise<Registry> {
  return presentRegistry(row, (await imageCounts(scope)).get(row.id) ?? 0);
}

export async function registryNameTaken(scope: TenantScope, name: string, exceptId?: string): Promise<boolean> {
  let query = scope.selectFrom('registries').select('id').where('name', '=', name);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function createRegistry(scope: TenantScope, body: CreateRegistry, secrets: SecretBox): Promise<RegistryRow> {
  const id = randomUUID();
  const now = scope.now();
  const row: RegistryRow = {
    id,
    tenant_id: scope.tenantId,
    name: body.name,
    url: body.url,
    kind: body.kind,
    username: body.username,
    sealed_password: body.password === '' ? null : secrets.seal(body.password, passwordBinding({ tenant_id: scope.tenantId, id })),
    tls_verify: body.tlsVerify ? 1 : 0,
    repository_filter: body.repositoryFilter,
    sync_interval_minutes: body.syncIntervalMinutes,
    rescan_hours: body.rescanHours,
    status: 'new',
    last_error: null,
    last_sync_at: null,
    last_success_at: null,
    created_at: now,
    updated_at: now,
  };
  const { tenant_id: _tenant, ...values } = row;
  await scope.insertInto('registries', values).execute();
  return row;
}

export async function updateRegistry(scope: TenantScope, row: RegistryRow, body: UpdateRegistry, secrets: SecretBox): Promise<RegistryRow> {
  const changes: Partial<RegistryRow> = { updated_at: scope.now() };
  if (body.name !== undefined) changes.name = body.name;
  if (body.url !== undefined) changes.url = body.url;
  if (body.kind !== undefined) changes.kind = body.kind;
  if (body.username !== undefined) changes.username = body.username;
  if (body.password !== undefined) changes.sealed_password = body.password === '' ? null : secrets.seal(body.password, passwordBinding(row));
  if (body.tlsVerify !== undefined) changes.tls_verify = body.tlsVerify ? 1 : 0;
  if (body.repositoryFilter !== undefined) changes.repository_filter = body.repositoryFilter;
  if (body.syncIntervalMinutes !== undefined) changes.sync_interval_minutes = body.syncIntervalMinutes;
  if (body.rescanHours !== undefined) changes.rescan_hours = body.rescanHours;
  // Where or how to connect changed: the last error no longer says anything, sync again soon.
  if (body.url !== undefined || body.username !== undefined || body.password !== undefined || body.tlsVerify !== undefined || body.repositoryFilter !== undefined) {
    changes.status = 'new';
    changes.last_error = null;
    changes.last_sync_at = null;
  }
  await scope.updateTable('registries').set(changes).where('id', '=', row.id).execute();
  return { ...row, ...changes };
}

export async function deleteRegistry(scope: TenantScope, id: string): Promise<void> {
  await scope.deleteFrom('registries').where('id', '=', id).execute();
}

/** The outcome of a sync or a connection test. */
export async function recordRegistryStatus(scope: TenantScope, id: string, status: RegistryStatus, error: string | null, at: string): Promise<void> {
  await scope
    .updateTable('registries')
    .set({ status, last_error: error, last_sync_at: at, ...(status === 'ok' ? { last_success_at: at } : {}) })
    .where('id', '=', id)
    .execute();
}
