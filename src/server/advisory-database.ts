// The server's one advisory database for all tenants: opened at start, and reopened when the file
// changes (an operator's `palisade db import` refresh, written in place or renamed over it, or the
// mirror refresh's swap), so the next detection reads the new advisories without a restart.
import { existsSync, statSync } from 'node:fs';
import type { Logger } from 'pino';
import type { AdvisorySource } from '../engines/advisory/matcher.js';
import { AdvisoryDatabase, type DatabaseInfo } from '../vulndb/advisory-db.js';
import { ensureSampleDatabase, SAMPLE_DATABASE_PATH } from '../vulndb/sample-db.js';

/** What detection reads while there is no database at all: nothing matches. */
const NO_ADVISORIES: AdvisorySource = { advisoriesFor: () => [] };

function signature(path: string): string {
  const stat = statSync(path);
  return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
}

export class LiveAdvisoryDatabase {
  private database: AdvisoryDatabase | null = null;
  private opened = '';
  /** True while the sample stands in for a refreshed database that does not exist yet. */
  private standIn = false;
  /** What the open database holds (counts over every advisory): computed once per opened file. */
  private described: DatabaseInfo | null = null;

  private constructor(
    readonly path: string,
    private readonly log: Logger,
  ) {}

  /**
   * Opens the configured file (which must exist: a wrong setting fails the start, naming it), or
   * the sample database, built from the corpus when missing; without the corpus the server still
   * starts, matching nothing until a database appears at the sample's path.
   */
  static async open(configured: string | undefined, log: Logger): Promise<LiveAdvisoryDatabase> {
    if (configured !== undefined) {
      if (!existsSync(configured)) AdvisoryDatabase.open(configured); // throws, naming the file and the cure
      const live = new LiveAdvisoryDatabase(configured, log);
      live.reopen();
      return live;
    }
    try {
      const live = new LiveAdvisoryDatabase(await ensureSampleDatabase(), log);
      live.reopen();
      return live;
    } catch (error) {
      log.warn({ err: (error as Error).message, path: SAMPLE_DATABASE_PATH }, 'no advisory database (set PALISADE_ADVISORY_DB): vulnerability detection matches nothing');
      return new LiveAdvisoryDatabase(SAMPLE_DATABASE_PATH, log);
    }
  }

  /**
   * The database a mirror refresh keeps at `path`. Until the first refresh has written it, the
   * sample stands in (when it can be built), so a server whose mirror is unreachable on its first
   * start still matches; the refreshed file replaces it as soon as it appears.
   */
  static async openRefreshed(path: string, log: Logger): Promise<LiveAdvisoryDatabase> {
    const live = new LiveAdvisoryDatabase(path, log);
    if (existsSync(path)) {
      live.reopen();
      return live;
    }
    try {
      live.database = AdvisoryDatabase.open(await ensureSampleDatabase());
      live.standIn = true;
      log.info({ path, sample: SAMPLE_DATABASE_PATH }, 'advisory database not refreshed yet: the sample stands in');
    } catch (error) {
      log.warn({ err: (error as Error).message, path }, 'advisory database not refreshed yet and no sample: vulnerability detection matches nothing until the first refresh');
    }
    return live;
  }

  /** Opens the file again; its signature is taken first, so a change during the open is seen next time. */
  private reopen(): void {
    const signatureNow = signature(this.path);
    const fresh = AdvisoryDatabase.open(this.path);
    this.database?.close();
    this.database = fresh;
    this.opened = signatureNow;
    this.standIn = false;
    this.described = null;
    const info = fresh.info();
    this.log.info({ path: this.path, advisories: info.advisories, ecosystems: info.ecosystems.length }, 'advisory database open');
  }

  /**
   * The database as the file is now. Use the answer at once (matching is synchronous): a later
   * call may close it after a refresh. A file that cannot be read keeps the last good database.
   */
  current(): AdvisorySource {
    try {
      if (existsSync(this.path) && signature(this.path) !== this.opened) this.reopen();
    } catch (error) {
      this.log.warn({ path: this.path, err: (error as Error).message }, 'advisory database changed but cannot be opened: keeping the previous one');
    }
    return this.database ?? NO_ADVISORIES;
  }

  /** What the database in use holds, and whether it is the sample standing in for a refresh. */
  describe(): { readonly info: DatabaseInfo | null; readonly sample: boolean } {
    this.current();
    this.described ??= this.database?.info() ?? null;
    return { info: this.described, sample: this.standIn || this.path === SAMPLE_DATABASE_PATH };
  }

  close(): void {
    this.database?.close();
    this.database = null;
  }
}
