// Refreshes the server's advisory database from a mirror (PALISADE_ADVISORY_SOURCE) on a schedule
// and on demand. A changed mirror is imported into a new file beside the database in use, which is
// renamed over it only when the import succeeded and holds advisories: a broken or empty mirror
// leaves the previous database in use and the attempt reports why. After a swap every tenant's
// hosts are matched again, so new advisories open findings and withdrawn or removed ones mark
// theirs fixed. Refreshes run one at a time; the state of the last one survives a restart.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { RefreshAttempt, type AdvisoryRefreshState } from '../../model/advisory-database-api.js';
import { Timestamp } from '../../model/common.js';
import { AdvisoryDatabase } from '../../vulndb/advisory-db.js';
import { importOsv } from '../../vulndb/importer.js';
import type { LiveAdvisoryDatabase } from '../advisory-database.js';
import { checkMirror, redactSource, type MirrorFile } from '../advisory-mirror.js';
import type { Clock } from '../store/tenant-scope.js';
import { after } from './long-timer.js';
import type { VulnerabilityDetector } from './vulnerability-detection.js';

const STATUS_FILE = 'refresh.json';
const MAX_PROBLEMS = 20;
/** A failed refresh (mirror down, broken file) is tried again this soon, not a whole interval later. */
const RETRY_AFTER_FAILURE_MS = 3600_000;

export interface AdvisoryRefreshDeps {
  readonly source: string;
  /** The database file the refresh replaces (the live database's path). */
  readonly databasePath: string;
  readonly intervalHours: number;
  readonly advisories: LiveAdvisoryDatabase;
  readonly detector: Pick<VulnerabilityDetector, 'detectAllTenants'>;
  readonly clock: Clock;
  readonly log: Logger;
}

const PersistedStatus = z.object({ lastAttempt: RefreshAttempt.nullable(), lastImportAt: Timestamp.nullable() });
type PersistedStatus = z.infer<typeof PersistedStatus>;

/** Downloads and the refresh state live beside the database file. */
export function mirrorCacheDir(databasePath: string): string {
  return `${databasePath}.mirror`;
}

export class AdvisoryRefresher {
  private persisted: PersistedStatus = { lastAttempt: null, lastImportAt: null };
  private running = false;
  private tail: Promise<RefreshAttempt> | null = null;
  private waiting: Promise<RefreshAttempt> | null = null;
  private cancelTimer: (() => void) | null = null;
  private nextAt: Date | null = null;
  private readonly cacheDir: string;

  constructor(private readonly deps: AdvisoryRefreshDeps) {
    this.cacheDir = mirrorCacheDir(deps.databasePath);
  }

  status(): AdvisoryRefreshState {
    return {
      source: redactSource(this.deps.source),
      intervalHours: this.deps.intervalHours,
      running: this.running,
      lastAttempt: this.persisted.lastAttempt,
      lastImportAt: this.persisted.lastImportAt,
      nextAt: this.nextAt?.toISOString() ?? null,
    };
  }

  /**
   * Refreshes after any refresh already under way. One queued and not started yet will read the
   * mirror as it is when it starts, so a second request joins it.
   */
  refresh(): Promise<RefreshAttempt> {
    if (this.waiting) return this.waiting;
    const previous = this.tail ?? Promise.resolve(null);
    const next = previous
      .catch(() => null)
      .then(() => {
        this.waiting = null;
        return this.run();
      });
    this.waiting = next;
    this.tail = next;
    return next;
  }

  /** Loads the last state, refreshes at once when one is due (or the database is missing), then every interval. */
  async start(): Promise<void> {
    await this.loadStatus();
    const intervalMs = this.deps.intervalHours * 3600_000;
    const lastAttempt = this.persisted.lastAttempt;
    const last = lastAttempt ? Date.parse(lastAttempt.finishedAt) : Number.NaN;
    const wait = lastAttempt?.outcome === 'failed' ? Math.min(intervalMs, RETRY_AFTER_FAILURE_MS) : intervalMs;
    const now = this.deps.clock().getTime();
    const due = !existsSync(this.deps.databasePath) || !(now - last < wait);
    this.schedule(due ? 0 : last + wait - now, intervalMs, now);
  }

  /** Stops the schedule and waits for a refresh under way (before the store closes). */
  async stop(): Promise<void> {
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.nextAt = null;
    await this.tail?.catch(() => null);
  }

  /** `now` is the clock reading the delay was computed from: read again, nextAt would drift by the time in between. */
  private schedule(delayMs: number, intervalMs: number, now = this.deps.clock().getTime()): void {
    this.nextAt = new Date(now + delayMs);
    this.cancelTimer = after(delayMs, () => {
      this.cancelTimer = null;
      void this.refresh().then((attempt) => {
        // stop() clears nextAt: no new timer after it.
        if (this.nextAt !== null) this.schedule(attempt.outcome === 'failed' ? Math.min(intervalMs, RETRY_AFTER_FAILURE_MS) : intervalMs, intervalMs);
      });
    });
  }

  private async loadStatus(): Promise<void> {
    try {
      const parsed = PersistedStatus.safeParse(JSON.parse(await readFile(join(this.cacheDir, STATUS_FILE), 'utf8')));
      if (parsed.success) this.persisted = parsed.data;
      else this.deps.log.warn({ file: join(this.cacheDir, STATUS_FILE) }, 'advisory refresh state unreadable: starting without it');
    } catch {
      // First start with this source: no attempt yet.
    }
  }

  private async saveStatus(): Promise<void> {
    mkdirSync(this.cacheDir, { recursive: true });
    const temporary = join(this.cacheDir, `${STATUS_FILE}.${randomBytes(4).toString('hex')}`);
    await writeFile(temporary, JSON.stringify(this.persisted, null, 2));
    await rename(temporary, join(this.cacheDir, STATUS_FILE));
  }

  private async run(): Promise<RefreshAttempt> {
    this.running = true;
    const startedAt = this.deps.clock().toISOString();
    const source = redactSource(this.deps.source);
    let attempt: Omit<RefreshAttempt, 'startedAt' | 'finishedAt'>;
    try {
      const check = await checkMirror(this.deps.source, this.cacheDir);
      if (!check.changed && existsSync(this.deps.databasePath)) {
        await check.discard();
        attempt = { outcome: 'unchanged', error: null, advisories: null, skipped: 0, problems: [], detection: null };
      } else {
        let built: { advisories: number; skipped: number; problems: string[] };
        try {
          built = await this.buildAndSwap(check.files);
        } catch (error) {
          await check.discard();
          throw error;
        }
        await check.commit();
        this.persisted = { ...this.persisted, lastImportAt: this.deps.clock().toISOString() };
        this.deps.log.info({ source, advisories: built.advisories, skipped: built.skipped }, 'advisory database refreshed from the mirror');
        attempt = { outcome: 'imported', error: null, ...built, detection: null };
        try {
          const summary = await this.deps.detector.detectAllTenants();
          attempt = { ...attempt, detection: { hosts: summary.hosts, found: summary.found, fixed: summary.fixed } };
        } catch (error) {
          this.deps.log.error({ err: error }, 'vulnerability detection after the advisory refresh failed');
          attempt = { ...attempt, error: `imported, but detection afterwards failed: ${(error as Error).message}` };
        }
      }
    } catch (error) {
      const message = (error as Error).message;
      this.deps.log.warn({ source, err: message }, 'advisory refresh failed: the previous database stays in use');
      attempt = { outcome: 'failed', error: message, advisories: null, skipped: 0, problems: [], detection: null };
    }
    const finished: RefreshAttempt = { startedAt, finishedAt: this.deps.clock().toISOString(), ...attempt };
    this.persisted = { ...this.persisted, lastAttempt: finished };
    this.running = false;
    await this.saveStatus().catch((error: unknown) => this.deps.log.warn({ err: error }, 'cannot save the advisory refresh state'));
    return finished;
  }

  /** Imports the mirror into a new file and renames it over the database in use. */
  private async buildAndSwap(files: readonly MirrorFile[]): Promise<{ advisories: number; skipped: number; problems: string[] }> {
    const target = this.deps.databasePath;
    mkdirSync(dirname(target), { recursive: true });
    const next = `${target}.next-${randomBytes(4).toString('hex')}`;
    const db = AdvisoryDatabase.open(next, { writable: true });
    try {
      // Sources are named as the mirror names them, not by the cache file that held them.
      const relabel = db.sql.prepare('UPDATE sources SET location = ? WHERE location = ?');
      let skipped = 0;
      const problems: string[] = [];
      // One file at a time, so an unreadable one (a truncated archive) is named in the error.
      for (const file of files) {
        let report;
        try {
          report = await importOsv(db, [file.path], { now: this.deps.clock, maxErrors: MAX_PROBLEMS });
        } catch (error) {
          throw new Error(`${file.label}: ${(error as Error).message.replaceAll(file.path, file.label)}`, { cause: error });
        }
        relabel.run(file.label, file.path);
        skipped += report.sources.reduce((sum, source) => sum + source.skipped, 0);
        for (const problem of report.errors) if (problems.length < MAX_PROBLEMS) problems.push(problem.replaceAll(file.path, file.label));
      }
      const advisories = db.info().advisories;
      if (advisories === 0) throw new Error(`the mirror holds no usable advisories (${problems[0] ?? 'no records'})`);
      db.close();
      renameSync(next, target);
      // Open the new database now rather than at the next detection, and log it.
      this.deps.advisories.current();
      return { advisories, skipped, problems };
    } catch (error) {
      if (db.sql.open) db.close();
      rmSync(next, { force: true });
      throw error;
    }
  }
}
