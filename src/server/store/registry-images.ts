// Images of the tenant's registries, one row per repository and tag: what the last sync saw (the
// digest the tag points at, first and last seen, removed) and which scans hold its results.
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { ImageQuery, RegistryImage } from '../../model/registry-api.js';
import { containsText } from './contains-text.js';
import { scanSummaries } from './image-scans.js';
import { pageWithTotal } from './page-with-total.js';
import type { RegistryImageTable } from './registry-tables.js';
import type { TenantScope } from './tenant-scope.js';

export type RegistryImageRow = Selectable<RegistryImageTable>;

export async function presentImages(scope: TenantScope, rows: readonly (RegistryImageRow & { registry_name: string })[]): Promise<RegistryImage[]> {
  const scanIds = rows.flatMap((row) => [row.last_scan_id, row.result_scan_id]).filter((id): id is string => id !== null);
  const scans = await scanSummaries(scope, [...new Set(scanIds)]);
  return rows.map((row) => ({
    id: row.id,
    registryId: row.registry_id,
    registryName: row.registry_name,
    repository: row.repository,
    tag: row.tag,
    digest: row.digest,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    digestChangedAt: row.digest_changed_at,
    removedAt: row.removed_at,
    lastScan: row.last_scan_id === null ? null : (scans.get(row.last_scan_id) ?? null),
    resultScan: row.result_scan_id === null ? null : (scans.get(row.result_scan_id) ?? null),
  }));
}

function imagesWithRegistry(scope: TenantScope) {
  return scope.selectFrom('registry_images').innerJoin('registries', 'registries.id', 'registry_images.registry_id').selectAll('registry_images').select('registries.name as registry_name');
}

export async function listImages(scope: TenantScope, query: ImageQuery): Promise<{ items: RegistryImage[]; total: number }> {
  let base = scope.selectFrom('registry_images').leftJoin('image_scans as result', 'result.id', 'registry_images.result_scan_id').leftJoin('image_scans as last', 'last.id', 'registry_images.last_scan_id');
  if (query.registryId) base = base.where('registry_images.registry_id', '=', query.registryId);
  if (query.repository) base = base.where(containsText('registry_images.repository', query.repository));
  if (query.tag) base = base.where('registry_images.tag', '=', query.tag);
  if (query.digest) base = base.where('registry_images.digest', '=', query.digest);
  if (!query.includeRemoved) base = base.where('registry_images.removed_at', 'is', null);
  if (query.scanStatus) base = base.where('last.status', '=', query.scanStatus);
  if (query.severity) base = base.where(`result.${query.severity}`, '>', 0);
  if (query.hasSecrets !== undefined) base = query.hasSecrets ? base.where('result.secrets', '>', 0) : base.where((eb) => eb.or([eb('result.secrets', 'is', null), eb('result.secrets', '=', 0)]));
  if (query.hasMalware !== undefined) base = query.hasMalware ? base.where('result.malware', '>', 0) : base.where((eb) => eb.or([eb('result.malware', 'is', null), eb('result.malware', '=', 0)]));
  const { rows: ids, total } = await pageWithTotal(base, query, (filtered) =>
    filtered
      .select('registry_images.id')
      // Worst first: critical, then high findings; then by name.
      .orderBy((eb) => eb.fn.coalesce('result.critical', eb.lit(0)), 'desc')
      .orderBy((eb) => eb.fn.coalesce('result.high', eb.lit(0)), 'desc')
      .orderBy('registry_images.repository')
      .orderBy('registry_images.tag')
      .orderBy('registry_images.id'),
  );
  if (ids.length === 0) return { items: [], total };
  const rows = await imagesWithRegistry(scope).where('registry_images.id', 'in', ids.map((row) => row.id)).execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  const ordered = ids.map((row) => byId.get(row.id)).filter((row): row is RegistryImageRow & { registry_name: string } => row !== undefined);
  return { items: await presentImages(scope, ordered), total };
}

export async function findImage(scope: TenantScope, id: string): Promise<(RegistryImageRow & { registry_name: string }) | undefined> {
  return imagesWithRegistry(scope).where('registry_images.id', '=', id).executeTakeFirst();
}

export async function imagesOfRegistry(scope: TenantScope, registryId: string): Promise<RegistryImageRow[]> {
  return scope.selectFrom('registry_images').selectAll().where('registry_id', '=', registryId).execute();
}

export async function insertImage(scope: TenantScope, registryId: string, repository: string, tag: string, digest: string): Promise<RegistryImageRow> {
  const now = scope.now();
  const row = { id: randomUUID(), registry_id: registryId, repository, tag, digest, first_seen: now, last_seen: now, digest_changed_at: null, removed_at: null, last_scan_id: null, result_scan_id: null };
  await scope.insertInto('registry_images', row).execute();
  return { ...row, tenant_id: scope.tenantId };
}

/** The tag was seen again, maybe at a new digest. */
export async function touchImage(scope: TenantScope, row: RegistryImageRow, digest: string): Promise<RegistryImageRow> {
  const now = scope.now();
  const changes = { last_seen: now, removed_at: null, digest, ...(digest !== row.digest ? { digest_changed_at: now } : {}) };
  await scope.updateTable('registry_images').set(changes).where('id', '=', row.id).execute();
  return { ...row, ...changes };
}

export async function markRemoved(scope: TenantScope, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await scope.updateTable('registry_images').set({ removed_at: scope.now() }).where('id', 'in', [...ids]).where('removed_at', 'is', null).execute();
}
