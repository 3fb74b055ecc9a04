// The server's one advisory database for all tenants: opened at start, and reopened when the file
// changes (an operator's `palisade db import` refresh, written in place or renamed over it), so
// the next detection reads the new advisories without a restart.
import { statSync } from 'node:fs';
import type { Logger } from 'pino';
import { AdvisoryDatabase } from '../vulndb/advisory-db.js';
import { ensureSampleDatabase } from '../vulndb/sample-db.js';

function signature(path: string): string {
  const stat = statSync(path);
  return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
}

export class LiveAdvisoryDatabase {
  private database: AdvisoryDatabase;
  private opened: string;

  private constructor(
    readonly path: string,
    private readonly log: Logger,
  ) {
    this.opened = signature(path);
    this.database = AdvisoryDatabase.open(path);
  }

  /** Opens the configured file, or the sample database (built from the corpus when missing). */
  static async open(configured: string | undefined, log: Logger): Promise<LiveAdvisoryDatabase> {
    const path = configured ?? (await ensureSampleDatabase());
    const live = new LiveAdvisoryDatabase(path, log);
    const info = live.database.info();
    log.info({ path, advisories: info.advisories, ecosystems: info.ecosystems.length }, 'advisory database open');
    return live;
  }

  /**
   * The database as the file is now. Use the answer at once (matching is synchronous): a later
   * call may close it after a refresh. A file that cannot be read keeps the last good database.
   */
  current(): AdvisoryDatabase {
    try {
      const now = signature(this.path);
      if (now !== this.opened) {
        const fresh = AdvisoryDatabase.open(this.path);
        this.database.close();
        this.database = fresh;
        this.opened = now;
        this.log.info({ path: this.path, advisories: fresh.info().advisories }, 'advisory database reopened after a change');
      }
    } catch (error) {
      this.log.warn({ path: this.path, err: (error as Error).message }, 'advisory database changed but cannot be opened: keeping the previous one');
    }
    return this.database;
  }

  close(): void {
    this.database.close();
  }
}
