// The login watcher on a real file and a real spool: sshd lines appended to a log (corpus lines
// with fresh timestamps) become `login.event`s; a restart neither repeats nor loses lines.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/support/processes.js';
import { LOGIN_EVENT } from '../../model/agent-event-types.js';
import type { LoginEvent } from '../../model/login.js';
import { Spool } from '../spool.js';
import { startLoginWatcher } from './login-watcher.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A classic syslog header for `at` in the host's local time, as rsyslog writes it. */
function syslogTime(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[at.getMonth()]} ${String(at.getDate()).padStart(2, ' ')} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}

describe('login watcher', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function run(dir: string, log: string, until: (events: LoginEvent[]) => boolean): Promise<LoginEvent[]> {
    const spool = new Spool(join(dir, 'spool.db'));
    const stop = new AbortController();
    const watcher = startLoginWatcher({ paths: [log, join(dir, 'absent.log')], dataDir: dir, spool, log: pino({ level: 'silent' }), signal: stop.signal, clock: () => new Date(), pollMs: 50 });
    const read = () => spool.peek(1000).filter((e) => e.type === LOGIN_EVENT).map((e) => e.data as LoginEvent);
    try {
      return await waitFor('login events spooled', () => (until(read()) ? read() : null), 20_000);
    } finally {
      stop.abort();
      await watcher.done;
      spool.ack(spool.peek(1000).map((e) => e.seq), new Date());
      spool.close();
    }
  }

  it('spools failures and successes with their fields, and resumes where it stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-login-watcher-'));
    dirs.push(dir);
    const log = join(dir, 'auth.log');
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const line = (text: string) => `${syslogTime(now)} web1 ${text}\n`;
    writeFileSync(log, line('sshd[31602]: Failed password for invalid user ROOT from 194.117.26.69 port 50273 ssh2'));
    appendFileSync(log, line('sshd[31603]: Accepted password for alice from 198.51.100.7 port 40022 ssh2'));
    const first = await run(dir, log, (events) => events.length >= 2);
    expect(first).toEqual([
      { type: 'failure', service: 'sshd', reason: 'invalid_user', user: 'ROOT', sourceIp: '194.117.26.69', sourcePort: 50273, host: 'web1', time: now.toISOString(), file: log, line: 1 },
      { type: 'success', service: 'sshd', reason: 'password', user: 'alice', sourceIp: '198.51.100.7', sourcePort: 40022, host: 'web1', time: now.toISOString(), file: log, line: 2 },
    ]);
    // Restarted: only the line written since is sent, numbered after the others.
    appendFileSync(log, line('sshd[31604]: Failed password for bob from 203.0.113.5 port 1022 ssh2'));
    const second = await run(dir, log, (events) => events.length >= 1);
    expect(second.map((e) => [e.user, e.line])).toEqual([['bob', 3]]);
  });

  it('skips binary and overlong lines and keeps following', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-login-watcher-'));
    dirs.push(dir);
    const log = join(dir, 'auth.log');
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const line = (text: string) => `${syslogTime(now)} web1 ${text}\n`;
    writeFileSync(log, line('sshd[7]: Failed password for carol from 203.0.113.8 port 22 ssh2\u0000\u0001'));
    appendFileSync(log, line(`sshd[8]: Failed password for ${'x'.repeat(2 * 1024 * 1024)} from 203.0.113.8 port 22 ssh2`));
    appendFileSync(log, line('sshd[9]: Failed password for dave from 203.0.113.8 port 22 ssh2'));
    const events = await run(dir, log, (found) => found.length >= 1);
    expect(events.map((e) => [e.user, e.line])).toEqual([['dave', 3]]);
  });
});
