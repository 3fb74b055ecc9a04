// Registry sync: list the repositories the registry's filter admits and their tags, note each
// tag's digest, and queue a scan when a tag is new, points at a new digest, or was last scanned
// longer ago than the registry's rescan period (advisories keep arriving). Tags gone from the
// registry are marked removed. Registries are synced on their interval and on demand; two syncs
// of one registry never run at once in a server.
import { namedRepositories, repositoryMatcher } from '../../engines/registry/repository-filter.js';
import { ImageError } from '../../image/image-error.js';
import type { RegistryClient } from '../../image/registry-client.js';
import { listRepositories, listTags, pingRegistry, tagDigest } from '../../image/registry-catalog.js';
import type { RegistryTestResult, SyncSummary } from '../../model/registry-api.js';
import { describeRegistryError, endpointOf, syncClient } from '../registry-endpoint.js';
import { queueScan } from '../store/image-scans.js';
import { recordRegistryStatus, type RegistryRow } from '../store/registries.js';
import { imagesOfRegistry, insertImage, markRemoved, touchImage, type RegistryImageRow } from '../store/registry-images.js';
import { TenantScope } from '../store/tenant-scope.js';
import type { ImageScanDeps } from './image-scan-run.js';
import type { ImageScanQueue } from './image-scan-queue.js';

const MAX_PROBLEMS = 20;
/** How often the schedule looks for registries due a sync. */
const TICK_MS = 30_000;

export interface SyncOptions {
  /** Entries per catalog and tag page. */
  readonly pageSize?: number;
}

/**
 * Whether an unchanged tag is due a scan: never scanned, or its latest scan (done or failed)
 * finished before `before`. One queued or running is not finished: nothing to add.
 */
async function rescanDue(scope: TenantScope, image: RegistryImageRow, before: string): Promise<boolean> {
  if (image.last_scan_id === null) return true;
  const scan = await scope.selectFrom('image_scans').select(['status', 'finished_at']).where('id', '=', image.last_scan_id).executeTakeFirst();
  if (!scan) return true;
  return scan.finished_at !== null && scan.finished_at < before;
}

export class RegistrySync {
  private readonly running = new Map<string, Promise<SyncSummary>>();
  private timer: NodeJS.Timeout | null = null;
  private tick: Promise<void> | null = null;

  constructor(
    private readonly deps: ImageScanDeps,
    private readonly queue: ImageScanQueue,
    private readonly options: SyncOptions = {},
  ) {}

  /** Syncs the registry now, or joins the sync of it under way. */
  sync(row: RegistryRow): Promise<SyncSummary> {
    const under = this.running.get(row.id);
    if (under) return under;
    const run = this.syncOnce(row).finally(() => this.running.delete(row.id));
    this.running.set(row.id, run);
    return run;
  }

  private scopeOf(row: RegistryRow): TenantScope {
    return new TenantScope(this.deps.db, row.tenant_id, this.deps.clock);
  }

  private async syncOnce(row: RegistryRow): Promise<SyncSummary> {
    const scope = this.scopeOf(row);
    const summary: SyncSummary = { repositories: 0, tags: 0, added: 0, changed: 0, removed: 0, queued: 0, problems: [] };
    const problem = (text: string) => {
      if (summary.problems.length < MAX_PROBLEMS) summary.problems.push(text);
    };
    const failed = async (error: unknown): Promise<never> => {
      const message = describeRegistryError(error);
      await recordRegistryStatus(scope, row.id, 'error', message, scope.now());
      this.deps.log.warn({ registryId: row.id, error: message }, 'registry sync failed');
      throw error;
    };
    let client: RegistryClient;
    let listed: Awaited<ReturnType<RegistrySync['repositoriesOf']>>;
    try {
      client = syncClient(endpointOf(row, this.deps.secrets));
      listed = await this.repositoriesOf(client, row);
    } catch (error) {
      return failed(error);
    }
    const { repositories, fromFilter } = listed;
    if (listed.catalogError) problem(listed.catalogError);
    summary.repositories = repositories.length;
    const known = new Map((await imagesOfRegistry(scope, row.id)).map((image) => [`${image.repository}:${image.tag}`, image]));
    const seen = new Set<string>();
    const rescanBefore = new Date(this.deps.clock().getTime() - row.rescan_hours * 3600_000).toISOString();
    for (const repository of repositories) {
      let tags: string[];
      try {
        tags = await listTags(client, repository, { ...(this.options.pageSize ? { pageSize: this.options.pageSize } : {}) });
      } catch (error) {
        problem(describeRegistryError(error));
        // Unreadable now is not gone: its tags are kept as they were.
        for (const key of known.keys()) if (key.startsWith(`${repository}:`)) seen.add(key);
        continue;
      }
      for (const tag of tags) {
        const key = `${repository}:${tag}`;
        seen.add(key);
        summary.tags += 1;
        let digest: string;
        try {
          digest = await tagDigest(client, repository, tag);
        } catch (error) {
          problem(describeRegistryError(error));
          continue;
        }
        const before = known.get(key);
        let image: RegistryImageRow;
        let reason: 'new-tag' | 'digest-changed' | 'schedule' | null = null;
        if (!before) {
          image = await insertImage(scope, row.id, repository, tag, digest);
          summary.added += 1;
          reason = 'new-tag';
        } else {
          image = await touchImage(scope, before, digest);
          if (before.digest !== digest) {
            summary.changed += 1;
            reason = 'digest-changed';
          } else if (await rescanDue(scope, before, rescanBefore)) {
            reason = 'schedule';
          }
        }
        if (reason && (await queueScan(scope, image, reason)).queued) summary.queued += 1;
      }
    }
    // Without the catalog nothing confirmed the registry answers: tags unreadable everywhere is a failure.
    if (fromFilter && summary.tags === 0 && summary.problems.length > 1) return failed(new Error(summary.problems[1]));
    const gone = [...known.entries()].filter(([key, image]) => !seen.has(key) && image.removed_at === null).map(([, image]) => image.id);
    await markRemoved(scope, gone);
    summary.removed = gone.length;
    const lastError = summary.problems.length > 0 ? `${summary.problems.length} problem(s), the first: ${summary.problems[0]}` : null;
    await recordRegistryStatus(scope, row.id, 'ok', lastError, scope.now());
    this.deps.log.info({ registryId: row.id, ...summary, problems: summary.problems.length }, 'registry synced');
    if (summary.queued > 0) this.queue.kick();
    return summary;
  }

  /**
   * The repositories to sync: the catalog through the filter, or, when the registry refuses the
   * catalog and the filter names repositories outright, those names.
   */
  private async repositoriesOf(client: RegistryClient, row: RegistryRow): Promise<{ repositories: string[]; fromFilter: boolean; catalogError?: string }> {
    try {
      const listed = await listRepositories(client, { ...(this.options.pageSize ? { pageSize: this.options.pageSize } : {}) });
      return { repositories: listed.filter(repositoryMatcher(row.repository_filter)), fromFilter: false };
    } catch (error) {
      const named = namedRepositories(row.repository_filter);
      if (named.length === 0 || !(error instanceof ImageError) || !['unauthorized', 'not-found'].includes(error.code)) throw error;
      return { repositories: named, fromFilter: true, catalogError: `the catalog cannot be listed, so only the repositories the filter names are synced: ${describeRegistryError(error)}` };
    }
  }

  /** Reaches the registry with its credentials and reads the first catalog page; records the outcome. */
  async test(row: RegistryRow): Promise<RegistryTestResult> {
    const scope = this.scopeOf(row);
    try {
      const client = syncClient(endpointOf(row, this.deps.secrets));
      await pingRegistry(client);
      let repositories: string[] | null = null;
      let note = '';
      try {
        repositories = await listRepositories(client, { pageSize: 100, max: 100 });
      } catch (error) {
        note = `; the catalog cannot be listed: ${describeRegistryError(error)}`;
      }
      // A registry that hides its catalog is still usable for the repositories the filter names.
      const usable = note === '' || namedRepositories(row.repository_filter).length > 0;
      const message = `connected to ${row.url}${repositories ? `; ${repositories.length}${repositories.length === 100 ? '+' : ''} repositories visible` : ''}${note}${note && usable ? '; the repositories the filter names are synced' : ''}`;
      await recordRegistryStatus(scope, row.id, usable ? 'ok' : 'error', note ? message : null, scope.now());
      return { ok: usable, message, repositories };
    } catch (error) {
      const message = describeRegistryError(error);
      await recordRegistryStatus(scope, row.id, 'error', message, scope.now());
      return { ok: false, message, repositories: null };
    }
  }

  /** Every registry whose interval has passed since its last attempt. */
  async syncDue(): Promise<void> {
    const now = this.deps.clock().getTime();
    const rows = await this.deps.db.selectFrom('registries').selectAll().execute();
    for (const row of rows) {
      const last = row.last_sync_at === null ? 0 : Date.parse(row.last_sync_at);
      if (now - last < row.sync_interval_minutes * 60_000) continue;
      // A failure is recorded on the registry by sync itself.
      await this.sync(row).catch(() => {});
    }
  }

  start(): void {
    this.timer = setInterval(() => {
      if (this.tick) return;
      this.tick = this.syncDue()
        .catch((error: unknown) => this.deps.log.error({ err: error }, 'registry schedule failed'))
        .finally(() => (this.tick = null));
    }, TICK_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.allSettled([this.tick, ...this.running.values()]);
  }
}
