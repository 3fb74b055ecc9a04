// The parse path's hand-written shortcuts against what they replaced: the IPv4 check against its
// regex, the syslog program token against its regex, the merger's ISO times against
// toISOString, and its integer connection keys past their limits (many hosts, a huge pid). The
// corpus tests cover the usual lines; these cover the shapes the shortcuts hand back or get wrong.
import { describe, expect, it } from 'vitest';
import { isIP } from './ip.js';
import { LoginMerger } from './merger.js';
import type { Signal } from './messages/signal.js';
import type { LogRecord } from './record.js';
import { syslogParser } from './sources/syslog.js';
import { parseTimePrefix } from './syslog-time.js';

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

describe('the IPv4 check', () => {
  it('agrees with the regex on every mix of edge parts and separators', () => {
    const parts = ['0', '00', '01', '09', '001', '010', '099', '1', '9', '10', '99', '100', '199', '200', '249', '250', '255', '256', '260', '299', '300', '999', '1000', '', 'a', '1a', '１'];
    let checked = 0;
    for (const a of parts) {
      for (const b of ['0', '255', '256', '01', '']) {
        for (const tail of ['.1.2', '.1.2.', '..1', '.1', '.1.2.3', '.1.2 ', '.1.2\n', '.250.255', '.001.1']) {
          const text = `${a}.${b}${tail}`;
          expect(isIP(text), text).toBe(IPV4.test(text) ? 4 : 0);
          checked++;
        }
      }
    }
    expect(checked).toBe(parts.length * 5 * 9);
    expect(isIP('192.0.2.255')).toBe(4);
    expect(isIP('::ffff:192.0.2.1')).toBe(6);
    expect(isIP('::ffff:192.0.2.256')).toBe(0);
  });
});

/** The IPv6 check as it was (regex, split, every), the reference for the hand-written one. */
function ipv6ByRegex(text: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(text)) return false;
  let body = text;
  const v4 = /:(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (v4?.[1]) {
    if (!IPV4.test(v4[1])) return false;
    body = `${body.slice(0, -v4[1].length)}0:0`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  if (!groups.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? groups.length <= 7 : groups.length === 8;
}

describe('the IPv6 check', () => {
  it('agrees with the regex version on every sequence of up to four edge pieces', () => {
    const pieces = ['', '1', 'ffff', 'FfFf', '12345', 'g', ':', '::', ':::', '1.2.3.4', '256.1.1.1', '01.2.3.4', '1.2.3', '.', '0:0:0'];
    let checked = 0;
    const disagreements: string[] = [];
    const walk = (text: string, depth: number) => {
      if (text.includes(':')) {
        if (isIP(text) !== (ipv6ByRegex(text) ? 6 : 0)) disagreements.push(text);
        checked++;
      }
      if (depth < 4) for (const piece of pieces) walk(text + piece, depth + 1);
    };
    for (const start of ['', '::ffff:', '2001:db8:', '1:2:3:4:5:6:7:', '1:2:3:4:5:6:']) walk(start, 0);
    expect(disagreements).toEqual([]);
    expect(checked).toBeGreaterThan(200_000);
    expect(['2001:db8::1', '::', '::1', '1::', '::ffff:192.0.2.1', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:1.2.3.4'].map(isIP)).toEqual([6, 6, 6, 6, 6, 6, 6]);
    expect(['1:2:3:4:5:6:7', ':::', '1::2::3', '::ffff:1.2.3.256', '12345::', '::g'].map(isIP)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

const PROGRAM = /^(?:\[([\w./-]+)\]:?|([\w./-]+)(?:\([\w]+\))?(?:\[(\d+)\])?:)$/;

/** The header as the regex alone read it (the code before its shortcut). */
function byRegex(rest: string): { host: string | null; program: string; pid: number | null; message: string } | null {
  const firstSpace = rest.indexOf(' ');
  if (firstSpace <= 0) return null;
  let m = PROGRAM.exec(rest.slice(0, firstSpace));
  if (m) return { host: null, program: m[1] ?? m[2] ?? '', pid: m[3] === undefined ? null : Number(m[3]), message: rest.slice(firstSpace + 1) };
  const secondSpace = rest.indexOf(' ', firstSpace + 1);
  if (secondSpace < 0) return null;
  m = PROGRAM.exec(rest.slice(firstSpace + 1, secondSpace));
  if (!m) return null;
  return { host: rest.slice(0, firstSpace), program: m[1] ?? m[2] ?? '', pid: m[3] === undefined ? null : Number(m[3]), message: rest.slice(secondSpace + 1) };
}

describe('the syslog program token', () => {
  it('reads host, program, pid and message as the regex does', () => {
    const tokens = ['sshd[123]:', 'sshd:', 'sshd-session[9]:', 'pop(pam_unix)[4920]:', '[sshd]:', '[sshd]', 'sshd]', 'sshd[]:', 'sshd[12a]:', 'sshd[123]', 'sshd[1234567890]:', 'sshd[123456789]:', 'a.b/c-d_e:', 'sshd[1]:x', 'ssh d:', ':', '[]:', 'sshd[-1]:', 'sshd[ 1]:', 'sshd[1]]:', 'sshd[[1]:', 'sshd[1][2]:', 'sshé[1]:', 'host'];
    let checked = 0;
    for (const first of [...tokens, 'web-1', 'web-1:', '']) {
      for (const second of [...tokens, '', 'msg']) {
        const rest = `${first} ${second} Failed password for root from 192.0.2.1 port 22 ssh2`;
        const record = syslogParser.parse(`Jun 21 16:47:48 ${rest}`, 7, { now: new Date('2026-11-27T00:00:00Z'), utcOffsetMinutes: 0 });
        const expected = byRegex(rest);
        expect(record === null ? null : { host: record.host, program: record.program, pid: record.pid, message: record.message }, rest).toEqual(expected);
        checked++;
      }
    }
    expect(checked).toBe((tokens.length + 3) * (tokens.length + 2));
  });
});

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

describe('classic syslog dates', () => {
  it('are placed as Date.UTC places them, overflowing days and clocks included, and reused only for the same text and clock', () => {
    const nows = [new Date('2026-11-27T00:00:00Z'), new Date('2024-03-01T12:00:00Z'), new Date('2027-01-01T00:30:00Z')];
    const wrong: string[] = [];
    for (const now of nows) {
      for (const offset of [0, 120, -300]) {
        for (let month = 0; month < 12; month++) {
          for (const [day, h, m, sec] of [[1, 0, 0, 0], [29, 23, 59, 59], [30, 12, 0, 1], [31, 99, 99, 99], [9, 7, 5, 3], [31, 23, 59, 59]] as const) {
            const text = `${MONTHS[month]} ${day < 10 ? ` ${day}` : day} ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')} host sshd[1]: x`;
            // The rule of syslog-time.ts with Date.UTC itself: this year, or last year past now + 1 day.
            let t = Date.UTC(now.getUTCFullYear(), month, day, h, m, sec) - offset * 60_000;
            if (t > now.getTime() + 86_400_000) t = Date.UTC(now.getUTCFullYear() - 1, month, day, h, m, sec) - offset * 60_000;
            // Twice: the second read comes from the cache of the last line.
            for (const read of [parseTimePrefix(text, now, offset), parseTimePrefix(text, now, offset)]) {
              if (read.time?.getTime() !== t || read.rest !== 16) wrong.push(`${text} now=${now.toISOString()} offset=${offset}: ${read.time?.toISOString()}`);
            }
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(parseTimePrefix('Jun  1 10:00:00 h', nows[0]!, 0).time?.toISOString()).toBe('2026-06-01T10:00:00.000Z');
    expect(parseTimePrefix('Jun  1 10:00:00 h', nows[0]!, 60).time?.toISOString()).toBe('2026-06-01T09:00:00.000Z');
    expect(parseTimePrefix('Jun  1 10:00:01 h', nows[0]!, 60).time?.toISOString()).toBe('2026-06-01T09:00:01.000Z');
  });
});

const success = (user: string): Signal => ({ kind: 'success', service: 'sshd', reason: 'password', user, ip: '192.0.2.1', port: 22 });
const record = (line: number, time: Date | null, host = 'h', pid: number | null = 1): LogRecord => ({ time, host, program: 'sshd', pid, message: '', line });

describe('the merger', () => {
  it('writes event times exactly as toISOString does, across days, years and milliseconds', () => {
    const merger = new LoginMerger('auth.log');
    const times: Date[] = [];
    // 100 days back and forth (past the day cache's 64), odd milliseconds, leap day, year ends.
    for (let i = 0; i < 300; i++) times.push(new Date(Date.UTC(2024, 0, 1) + ((i * 7919) % 100) * 86_400_000 + ((i * 104_729) % 86_400_000)));
    // Within one day already seen, so the clock part is written by hand: short milliseconds pad.
    for (const ms of [0, 5, 50, 500, 999]) times.push(new Date(Date.UTC(2024, 0, 1, 0, 0, 1, ms)), new Date(Date.UTC(2024, 0, 1, 9, 59, 59, ms)));
    times.push(new Date('2024-02-29T23:59:59.999Z'), new Date('1999-12-31T23:59:59.001Z'), new Date('2000-01-01T00:00:00.000Z'), new Date('1969-12-31T23:59:59.010Z'), new Date('+012345-06-01T01:02:03.045Z'));
    times.forEach((time, line) => {
      const [event] = merger.push(record(line, time, 'h', null), success('u'));
      expect(event?.time, time.toISOString()).toBe(time.toISOString());
    });
  });

  it('keeps merging lines of one connection past 256 hosts and with a pid beyond 2^22', () => {
    const merger = new LoginMerger('auth.log', { maxConnections: 100_000 });
    // Each host's user differs: two connections sharing a key would mix users and emit early.
    const pamFailure = (host: number): Signal => ({ kind: 'failure', service: 'sshd', reason: 'pam_failure', user: `u${host}`, ip: '192.0.2.9', port: null, tentative: true });
    const failed = (host: number): Signal => ({ kind: 'failure', service: 'sshd', reason: 'wrong_password', user: `u${host}`, ip: '192.0.2.9', port: 22 });
    const pids = [0, 1, 2 ** 22 - 1, 2 ** 22, 2 ** 22 + 1, 2 ** 31 + 5];
    const time = new Date('2026-11-26T10:00:00Z');
    const events = [];
    for (let host = 0; host < 300; host++) {
      // The PAM line is held; the sshd line of the same connection completes one event.
      for (const pid of pids) expect(merger.push(record(1, time, `host-${host}`, pid), pamFailure(host))).toEqual([]);
    }
    for (let host = 0; host < 300; host++) {
      for (const pid of pids) events.push(...merger.push(record(2, time, `host-${host}`, pid), failed(host)));
    }
    expect(events.length).toBe(300 * pids.length);
    expect(events.every((event) => event.reason === 'wrong_password' && event.line === 2)).toBe(true);
    expect(merger.end()).toEqual([]);
  });
});
