// Scans of registry images. A scan row is also the queue entry: it is queued by a sync (new tag,
// changed digest, due rescan) or by a user, claimed by one worker (queued → running, a single
// UPDATE any replica may race on), and finished with its result or its error. Results stay, so a
// tag keeps its scan history.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import type { ImageScan, ImageScanCounts, ImageScanReason, ImageScanResult, ImageScanStatus } from '../../model/registry-api.js';
import { pageWithTotal } from './page-with-total.js';
import type { Page } from './page-with-total.js';
import type { ImageScanTable, RegistryImageTable } from './registry-tables.js';
import type { Database } from './schema.js';
import type { TenantScope } from './tenant-scope.js';

export type ImageScanRow = Selectable<ImageScanTable>;
type ScanSummaryRow = Omit<ImageScanRow, 'result'>;

const SUMMARY_COLUMNS = ['id', 'tenant_id', 'image_id', 'repository', 'tag', 'digest', 'reason', 'status', 'error', 'queued_at', 'started_at', 'finished_at', 'critical', 'high', 'medium', 'low', 'secrets', 'malware', 'counts'] as const;

export function presentScan(row: ScanSummaryRow): ImageScan {
  return {
    id: row.id,
    imageId: row.image_id,
    repository: row.repository,
    tag: row.tag,
    digest: row.digest,
    status: row.status as ImageScanStatus,
    reason: row.reason as ImageScanReason,
    error: row.error,
    queuedAt: row.queued_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    counts: row.counts === null ? null : (JSON.parse(row.counts) as ImageScanCounts),
  };
}

export function parseResult(row: Pick<ImageScanRow, 'result'>): ImageScanResult | null {
  return row.result === null ? null : (JSON.parse(row.result) as ImageScanResult);
}

/**
 * Queues a scan of the image at its current digest, unless one is already waiting: a waiting scan
 * reads the registry when it starts, so a second request joins it. Returns the scan waiting.
 */
export async function queueScan(scope: TenantScope, image: Pick<Selectable<RegistryImageTable>, 'id' | 'repository' | 'tag' | 'digest'>, reason: ImageScanReason): Promise<{ scan: ImageScan; queued: boolean }> {
  const waiting = await scope.selectFrom('image_scans').select(SUMMARY_COLUMNS).where('image_id', '=', image.id).where('status', '=', 'queued').executeTakeFirst();
  if (waiting) return { scan: presentScan(waiting), queued: false };
  const row = {
    id: randomUUID(),
    image_id: image.id,
    repository: image.repository,
    tag: image.tag,
    digest: image.digest,
    reason,
    status: 'queued',
    error: null,
    queued_at: scope.now(),
    started_at: null,
    finished_at: null,
    critical: 0,
    high: 0,
    medium: 0,
    low: 0,
    secrets: 0,
    malware: 0,
    counts: null,
    result: null,
  };
  await scope.insertInto('image_scans', row).execute();
  await scope.updateTable('registry_images').set({ last_scan_id: row.id }).where('id', '=', image.id).execute();
  return { scan: presentScan({ ...row, tenant_id: scope.tenantId }), queued: true };
}

/**
 * A person waiting on "Scan now" goes first, then new and moved tags (what nobody has seen yet),
 * then the scheduled rescans of a large registry.
 */
const URGENCY = sql<number>`case ${sql.ref('reason')} when 'manual' then 0 when 'schedule' then 2 else 1 end`;

/** The most urgent, then oldest, queued scan, now running and ours; null when none is left (or others took them). */
export async function claimNextScan(db: Kysely<Database>, at: string): Promise<ScanSummaryRow | null> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const next = await db.selectFrom('image_scans').select(SUMMARY_COLUMNS).where('status', '=', 'queued').orderBy(URGENCY).orderBy('queued_at').orderBy('id').limit(1).executeTakeFirst();
    if (!next) return null;
    const claimed = await db.updateTable('image_scans').set({ status: 'running', started_at: at }).where('id', '=', next.id).where('status', '=', 'queued').executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 1) return { ...next, status: 'running', started_at: at };
  }
  return null;
}

export function countResult(result: ImageScanResult): ImageScanCounts {
  const bySeverity = (severity: string) => result.vulnerabilities.filter((v) => v.severity === severity).length;
  return {
    critical: bySeverity('critical'),
    high: bySeverity('high'),
    medium: bySeverity('medium'),
    low: bySeverity('low'),
    unrated: bySeverity('unknown'),
    secrets: result.secrets.length,
    malware: result.malware.length,
    historyFindings: result.history?.findings.length ?? 0,
    packages: result.packages.length + result.jars.length,
  };
}

/**
 * A tag rescanned daily would pile up a full result a day: the latest KEEP_RESULTS finished scans
 * of a tag keep theirs, older ones keep their counts only, and past KEEP_SCANS the oldest go.
 */
export const KEEP_RESULTS = 10;
export const KEEP_SCANS = 100;

export async function finishScan(db: Kysely<Database>, scan: ScanSummaryRow, digest: string, result: ImageScanResult, at: string): Promise<void> {
  const counts = countResult(result);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('image_scans')
      .set({ status: 'done', digest, finished_at: at, error: null, critical: counts.critical, high: counts.high, medium: counts.medium, low: counts.low, secrets: counts.secrets, malware: counts.malware, counts: JSON.stringify(counts), result: JSON.stringify(result) })
      .where('id', '=', scan.id)
      .execute();
    await trx.updateTable('registry_images').set({ result_scan_id: scan.id }).where('id', '=', scan.image_id).execute();
    const older = await trx.selectFrom('image_scans').select('id').where('image_id', '=', scan.image_id).where('status', '=', 'done').where('result', 'is not', null).orderBy('finished_at', 'desc').orderBy('id').offset(KEEP_RESULTS).limit(1000).execute();
    if (older.length > 0) await trx.updateTable('image_scans').set({ result: null }).where('id', 'in', older.map((row) => row.id)).execute();
    const oldest = await trx.selectFrom('image_scans').select('id').where('image_id', '=', scan.image_id).where('status', 'in', ['done', 'failed']).orderBy('queued_at', 'desc').orderBy('id').offset(KEEP_SCANS).limit(1000).execute();
    if (oldest.length > 0) await trx.deleteFrom('image_scans').where('id', 'in', oldest.map((row) => row.id)).execute();
  });
}

export async function failScan(db: Kysely<Database>, scanId: string, error: string, at: string): Promise<void> {
  await db.updateTable('image_scans').set({ status: 'failed', error: error.slice(0, 2000), finished_at: at }).where('id', '=', scanId).execute();
}

/**
 * Scans left running by a server that stopped mid-scan are queued again at start. With several
 * replicas a scan another one is still running would be run twice; its result is the same.
 */
export async function requeueInterrupted(db: Kysely<Database>, startedBefore: string): Promise<number> {
  const result = await db.updateTable('image_scans').set({ status: 'queued', started_at: null }).where('status', '=', 'running').where('started_at', '<', startedBefore).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function listScansOfImage(scope: TenantScope, imageId: string, page: Page): Promise<{ items: ImageScan[]; total: number }> {
  const ofImage = scope.selectFrom('image_scans').where('image_id', '=', imageId);
  const { rows, total } = await pageWithTotal(ofImage, page, (filtered) => filtered.select(SUMMARY_COLUMNS).orderBy('queued_at', 'desc').orderBy('id'));
  return { items: rows.map(presentScan), total };
}

export async function findScan(scope: TenantScope, id: string): Promise<ImageScanRow | undefined> {
  return scope.selectFrom('image_scans').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function scanSummaries(scope: TenantScope, ids: readonly string[]): Promise<Map<string, ImageScan>> {
  if (ids.length === 0) return new Map();
  const rows = await scope.selectFrom('image_scans').select(SUMMARY_COLUMNS).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((row) => [row.id, presentScan(row)]));
}
