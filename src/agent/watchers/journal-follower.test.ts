// The login watcher on a real systemd-journald (a journal namespace of its own, written through
// its syslog socket like sshd writes it) and a real spool: sshd and su entries become
// `login.event`s, other programs' entries are not asked for, and a restart resumes after the
// saved cursor: nothing repeated, nothing lost (an entry written while the agent was down is read).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journaldCheck, startJournald, type TestJournal } from '../../../test/support/journald.js';
import { waitFor } from '../../../test/support/processes.js';
import { needService } from '../../../test/support/services.js';
import { LOGIN_EVENT } from '../../model/agent-event-types.js';
import type { LoginEvent } from '../../model/login.js';
import { Spool } from '../spool.js';
import { startLoginWatcher } from './login-watcher.js';

describe('login watcher on the systemd journal', () => {
  let journal: TestJournal | null = null;
  const dir = mkdtempSync(join(tmpdir(), 'palisade-journal-watcher-'));

  beforeAll(async () => {
    if (needService('systemd-journald', journaldCheck())) journal = await startJournald();
  }, 30_000);
  afterAll(async () => {
    await journal?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('spools sshd and su entries, and resumes after its cursor across a restart', async (context) => {
    if (!journal) return context.skip();
    const j = journal;
    await j.write('sshd', 31602, 'Failed password for invalid user ROOT from 194.117.26.69 port 50273 ssh2');
    await j.write('cron', 4300, 'pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)');
    await j.write('su', 4100, 'FAILED SU (to root) alice on pts/0');
    const first = await runJournal(2);
    expect(first.map((e) => [e.service, e.type, e.user, e.sourceIp, e.file, e.line])).toEqual([
      ['sshd', 'failure', 'ROOT', '194.117.26.69', 'journald', 1],
      ['su', 'failure', 'root', null, 'journald', 2],
    ]);
    expect(first[0]!.host).toBeTruthy();
    expect(Math.abs(Date.parse(first[0]!.time!) - Date.now())).toBeLessThan(3600_000);
    const cursor = JSON.parse(readFileSync(join(dir, 'login-journal.cursor'), 'utf8')) as { cursor: string; line: number };
    expect(cursor.line).toBe(3);

    // Written while the agent was down, then one more while it runs: both read, the old ones not again.
    await j.write('sshd', 31603, 'Failed password for bob from 203.0.113.5 port 1022 ssh2');
    const second = await runJournal(2, () => j.write('sshd', 31604, 'Accepted password for alice from 198.51.100.7 port 40022 ssh2'));
    expect(second.map((e) => [e.type, e.user, e.sourceIp, e.line])).toEqual([
      ['failure', 'bob', '203.0.113.5', 3],
      ['success', 'alice', '198.51.100.7', 4],
    ]);
  });

  /** Runs the watcher on the test journal until `count` login events are spooled. */
  async function runJournal(count: number, whileRunning?: () => Promise<void>): Promise<LoginEvent[]> {
    const spool = new Spool(join(dir, 'spool.db'));
    const stop = new AbortController();
    const watcher = startLoginWatcher({
      paths: [join(dir, 'no-auth.log')], source: 'journald', journal: { args: journal!.args }, dataDir: dir, spool, log: pino({ level: 'silent' }), signal: stop.signal, clock: () => new Date(), pollMs: 50,
    });
    expect(watcher.source).toBe('journald');
    const read = () => spool.peek(1000).filter((e) => e.type === LOGIN_EVENT).map((e) => e.data as LoginEvent);
    try {
      await whileRunning?.();
      return await waitFor(`${count} login events spooled`, () => (read().length >= count ? read() : null), 20_000);
    } finally {
      stop.abort();
      await watcher.done;
      spool.ack(spool.peek(1000).map((e) => e.seq), new Date());
      spool.close();
    }
  }

  it('drops a cursor the journal no longer has and reads the last day instead', async (context) => {
    if (!journal) return context.skip();
    const own = mkdtempSync(join(tmpdir(), 'palisade-journal-cursor-'));
    const warnings: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
    // A cursor of a journal that was vacuumed away, for the very selection this watcher makes.
    const args = JSON.stringify([...journal.args, 'sshd', 'sshd-session', 'dropbear', 'su', 'sudo', 'login']);
    writeFileSync(join(own, 'login-journal.cursor'), JSON.stringify({ version: 1, args, cursor: 's=0123;i=1;b=0;m=0;t=0;x=0', line: 7 }));
    const spool = new Spool(join(own, 'spool.db'));
    const stop = new AbortController();
    const watcher = startLoginWatcher({ paths: [], source: 'journald', journal: { args: journal.args }, dataDir: own, spool, log, signal: stop.signal, clock: () => new Date(), pollMs: 20 });
    try {
      const events = await waitFor('events of the last day', () => {
        const found = spool.peek(1000).filter((e) => e.type === LOGIN_EVENT).map((e) => e.data as LoginEvent);
        return found.length >= 4 ? found : null;
      }, 30_000);
      expect(events.map((e) => e.user)).toEqual(['ROOT', 'root', 'bob', 'alice']);
      expect(warnings.some((line) => line.includes('no longer found'))).toBe(true);
    } finally {
      stop.abort();
      await watcher.done;
      spool.close();
      rmSync(own, { recursive: true, force: true });
    }
  });

  it('reports a journalctl that cannot run and keeps trying, without crashing', async (context) => {
    if (!journal) return context.skip();
    const warnings: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
    const spool = new Spool(join(dir, 'spool-missing.db'));
    const stop = new AbortController();
    const watcher = startLoginWatcher({ paths: [], source: 'journald', journal: { command: join(dir, 'no-such-journalctl') }, dataDir: join(dir), spool, log, signal: stop.signal, clock: () => new Date(), pollMs: 20 });
    await waitFor('a warning about journalctl', () => warnings.some((line) => line.includes('no-such-journalctl') && line.includes('ENOENT')), 10_000);
    stop.abort();
    await watcher.done;
    spool.close();
    expect(existsSync(join(dir, 'spool-missing.db'))).toBe(true);
  });
});
