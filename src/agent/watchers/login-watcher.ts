// Follows the host's auth logs (/var/log/auth.log on Debian, /var/log/secure on Red Hat: both
// are followed, a missing one costs a stat per tick and is picked up when it appears) or, where
// the auth messages live only in the systemd journal, the journal (login-source.ts chooses), turns
// new lines into login events with the login engine, and spools each one as a `login.event`.
// Detection runs on the server, where attempts against every host of a tenant are seen together.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { LoginLogReader } from '../../engines/login/log-reader.js';
import { journalJsonParser } from '../../engines/login/sources/journal-json.js';
import { LOGIN_EVENT } from '../../model/agent-event-types.js';
import type { LoginEvent } from '../../model/login.js';
import { sleep } from '../backoff.js';
import type { Spool } from '../spool.js';
import { JournalFollower } from './journal-follower.js';
import { LogFollower } from './log-follower.js';
import { chooseLoginSource, type LoginSource } from './login-source.js';

export const DEFAULT_AUTH_LOGS: readonly string[] = ['/var/log/auth.log', '/var/log/secure'];
const POLL_MS = 1000;

export interface LoginWatcherOptions {
  readonly paths: readonly string[];
  /** Files, journal, or auto (default): see login-source.ts. */
  readonly source?: LoginSource;
  /** Which journal and which journalctl, when the journal is followed (tests use a journal namespace). */
  readonly journal?: { readonly args?: readonly string[]; readonly command?: string };
  readonly dataDir: string;
  readonly spool: Spool;
  readonly log: Logger;
  readonly signal: AbortSignal;
  readonly clock: () => Date;
  readonly pollMs?: number;
}

interface Followed {
  readonly follower: Pick<LogFollower, 'poll' | 'close'>;
  readonly reader: LoginLogReader;
  warningsSeen: number;
}

/** The position file of one log: named by a hash of its path, so paths never clash. */
function statePathOf(dataDir: string, path: string): string {
  return join(dataDir, `login-${createHash('sha256').update(path).digest('hex').slice(0, 16)}.position`);
}

function followFiles(options: LoginWatcherOptions): Followed[] {
  const { log, clock } = options;
  return options.paths.map((path) => {
    const now = clock();
    return {
      follower: new LogFollower({ path, statePath: statePathOf(options.dataDir, path), warn: (message) => log.warn({ path }, message) }),
      // Year-less syslog dates are placed with the host's own clock and zone.
      reader: new LoginLogReader({ file: path, context: { now, utcOffsetMinutes: -now.getTimezoneOffset() } }),
      warningsSeen: 0,
    };
  });
}

function followJournal(options: LoginWatcherOptions): Followed[] {
  const { log, clock } = options;
  const now = clock();
  const follower = new JournalFollower({
    statePath: join(options.dataDir, 'login-journal.cursor'),
    journalArgs: options.journal?.args ?? [],
    ...(options.journal?.command ? { command: options.journal.command } : {}),
    clock,
    warn: (message) => log.warn({ source: 'journald' }, message),
  });
  // Journal entries carry their own time in microseconds: the context only matters for syslog.
  const reader = new LoginLogReader({ file: 'journald', parser: journalJsonParser, context: { now, utcOffsetMinutes: -now.getTimezoneOffset() } });
  return [{ follower, reader, warningsSeen: 0 }];
}

export function startLoginWatcher(options: LoginWatcherOptions): { done: Promise<void>; source: 'files' | 'journald' } {
  const { spool, log, signal, clock } = options;
  const source = chooseLoginSource(options.source ?? 'auto', options.paths);
  log.info(source === 'files' ? { source, paths: options.paths } : { source }, 'following login activity');
  const followed = source === 'files' ? followFiles(options) : followJournal(options);

  function send(events: readonly LoginEvent[]): void {
    if (events.length === 0) return;
    const now = clock().toISOString();
    // A full spool drops and counts them (spool.ts); the follower still moves on, as it must.
    spool.append(events.map((event) => ({ type: LOGIN_EVENT, time: event.time ?? now, data: event })));
  }

  function reportWarnings(entry: Followed): void {
    const fresh = entry.reader.warnings.slice(entry.warningsSeen);
    entry.warningsSeen = entry.reader.warnings.length;
    // Bad lines are counted and skipped; a flood of them is logged by the first few only.
    for (const warning of fresh.slice(0, 5)) log.warn({ path: warning.path }, warning.message);
    if (fresh.length > 5) log.warn({ path: fresh[0]?.path, more: fresh.length - 5 }, 'more skipped login log lines');
  }

  const done = (async () => {
    while (!signal.aborted) {
      for (const entry of followed) {
        try {
          await entry.follower.poll((items) => {
            const events: LoginEvent[] = [];
            for (const item of items) for (const event of entry.reader.push(item)) events.push(event);
            send(events);
          });
          send(entry.reader.flushIdle(clock()));
          reportWarnings(entry);
        } catch (error) {
          log.warn({ err: (error as Error).message }, 'login log watcher failed; will retry');
        }
      }
      await sleep(options.pollMs ?? POLL_MS, signal);
    }
    // Lines held for merging (an sshd line waiting for its PAM line) are sent rather than lost.
    for (const entry of followed) {
      try {
        send(entry.reader.end());
      } catch (error) {
        log.warn({ err: (error as Error).message }, 'login events at stop not spooled');
      }
      await entry.follower.close();
    }
  })();
  return { done, source };
}
