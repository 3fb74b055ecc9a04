// The server's one advisory database for all tenants: opened at start, and reopened when the file
// changes (an operator's `palisade db import` refresh, written in place or renamed over it), so
// the next detection reads the new advisories without a restart.
import { existsSync, statSync } from 'node:fs';
import type { Logger } from 'pino';
import type { AdvisorySource } from '../engines/advisory/matcher.js';
import { AdvisoryDatabase } from '../vulndb/advisory-db.js';
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

  /** Opens the file again; its signature is taken first, so a change during the open is seen next time. */
  private reopen(): void {
    const signatureNow = signature(this.path);
    const fresh = AdvisoryDatabase.open(this.path);
    this.database?.close();
    this.database = fresh;
    this.opened = signatureNow;
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

  close(): void {
    this.database?.close();
    this.database = null;
  }
}
