import { describe, expect, it } from 'vitest';
import { LineSplitter, type SplitItem } from './line-splitter.js';
import { LoginLogReader } from './log-reader.js';

function split(chunks: (string | Buffer)[], max = 64): SplitItem[] {
  const splitter = new LineSplitter(max);
  const out: SplitItem[] = [];
  for (const chunk of chunks) out.push(...splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
  out.push(...splitter.end());
  return out;
}

describe('LineSplitter', () => {
  it('numbers lines across chunks, strips CR, and keeps a last line without newline', () => {
    expect(split(['a\r\nb', 'c\nd\n', 'e'])).toEqual([
      { kind: 'line', line: 1, text: 'a' },
      { kind: 'line', line: 2, text: 'bc' },
      { kind: 'line', line: 3, text: 'd' },
      { kind: 'line', line: 4, text: 'e' },
    ]);
  });

  it('skips over-long lines in the fast and the careful path alike', () => {
    const long = 'x'.repeat(100);
    expect(split([`ok\n${long}\nok2\n`]).map((i) => i.kind)).toEqual(['line', 'skipped', 'line']);
    expect(split(['ok\n', long.slice(0, 50), long.slice(50), '\nok2\n']).map((i) => (i.kind === 'skipped' ? i.reason : i.text))).toEqual(['ok', 'too_long', 'ok2']);
  });

  it('reads Latin-1 lines as Latin-1 and UTF-8 lines as UTF-8', () => {
    const items = split([Buffer.concat([Buffer.from('D'), Buffer.from([0xe9]), Buffer.from('c 31\nDéc 31\n')])]);
    expect(items.map((i) => (i.kind === 'line' ? i.text : i.reason))).toEqual(['Déc 31', 'Déc 31']);
  });
});

describe('a long-running reader', () => {
  it('moves its year-placement clock on with flushIdle', () => {
    const reader = new LoginLogReader({ file: 'auth.log', context: { now: new Date('2026-12-31T23:00:00Z'), utcOffsetMinutes: 0 } });
    const splitter = new LineSplitter();
    const line = (text: string) => [...splitter.push(Buffer.from(`${text}\n`))].flatMap((item) => reader.push(item));
    const events = [...line('Dec 31 23:30:00 h sshd[1]: Invalid user a from 192.0.2.1 port 1')];
    events.push(...reader.flushIdle(new Date('2027-01-01T00:10:00Z')));
    events.push(...line('Jan  1 00:20:00 h sshd[2]: Invalid user b from 192.0.2.1 port 1'), ...reader.flushIdle(new Date('2027-01-01T00:30:00Z')));
    expect(events.map((e) => e.time)).toEqual(['2026-12-31T23:30:00.000Z', '2027-01-01T00:20:00.000Z']);
  });
});

describe('held lines', () => {
  it('emits a PAM failure nobody completed once its connection is silent for the hold time', () => {
    const reader = new LoginLogReader({ file: 'auth.log', context: { now: new Date('2026-11-27T12:00:00Z'), utcOffsetMinutes: 0 } });
    const splitter = new LineSplitter();
    const line = 'Nov 27 10:00:00 web1 sshd[5]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.9  user=root\n';
    const events = [...splitter.push(Buffer.from(line))].flatMap((item) => reader.push(item));
    expect(events).toEqual([]); // held: the sshd line of the attempt may still come
    expect(reader.flushIdle(new Date('2026-11-27T10:01:00Z'))).toEqual([]);
    expect(reader.flushIdle(new Date('2026-11-27T10:02:01Z'))).toEqual([expect.objectContaining({ type: 'failure', reason: 'pam_failure', sourceIp: '192.0.2.9', line: 1 })]);
  });
});
