import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readLoginLog } from '../read-log.js';

const now = new Date('2026-11-27T12:00:00Z');

describe('journalctl -o json lines', () => {
  it('reads string and byte-array messages, prefers the source timestamp, and skips what is not an entry', () => {
    const entries = [
      { __REALTIME_TIMESTAMP: '1795000000000000', _SOURCE_REALTIME_TIMESTAMP: '1794999999500000', _HOSTNAME: 'web1', SYSLOG_IDENTIFIER: 'sshd', _PID: '42', MESSAGE: 'Failed password for root from 192.0.2.8 port 22 ssh2' },
      // journald stores text that is not valid UTF-8 as an array of bytes.
      { __REALTIME_TIMESTAMP: '1795000001000000', _HOSTNAME: 'web1', SYSLOG_IDENTIFIER: 'sshd', _PID: '43', MESSAGE: [...Buffer.from('Invalid user J\xf6rg from 192.0.2.9 port 1', 'latin1')] },
      { __REALTIME_TIMESTAMP: '1795000002000000', _HOSTNAME: 'web1', MESSAGE: 'no identifier' },
    ];
    const text = [...entries.map((e) => JSON.stringify(e)), '{"broken json', ''].join('\n');
    const result = readLoginLog('journal.json', [Buffer.from(text)], { now, utcOffsetMinutes: 0 });
    expect(result.parser).toBe('journal-json');
    expect(result.events.map((e) => [e.line, e.reason, e.user, e.sourceIp, e.host, e.time])).toEqual([
      [1, 'wrong_password', 'root', '192.0.2.8', 'web1', '2026-11-18T11:06:39.500Z'],
      [2, 'invalid_user', 'Jörg', '192.0.2.9', 'web1', '2026-11-18T11:06:41.000Z'],
    ]);
  });

  // Real `journalctl --namespace=… -o json` output of a systemd-journald 252 that util-linux
  // `logger` wrote sshd, su, sudo and cron messages to (test/support/journald.ts made it): the
  // journal's own entries and cron's PAM session line are not login attempts; the PAM line before
  // bob's failure merges into it.
  it('reads real journalctl -o json output', () => {
    const real = readFileSync(new URL('testdata/journalctl-json.log', import.meta.url));
    const result = readLoginLog('journald', [real], { now, utcOffsetMinutes: 0 });
    expect(result.parser).toBe('journal-json');
    expect(result.events.map((e) => [e.line, e.type, e.service, e.reason, e.user, e.sourceIp, e.sourcePort, e.host, e.time])).toEqual([
      [3, 'failure', 'sshd', 'invalid_user', 'ROOT', '194.117.26.69', 50273, 'vm', '2026-11-27T10:50:30.445Z'],
      [5, 'failure', 'sshd', 'wrong_password', 'bob', '203.0.113.5', 1022, 'vm', '2026-11-27T10:50:30.472Z'],
      [6, 'success', 'sshd', 'publickey', 'alice', '198.51.100.7', 40022, 'vm', '2026-11-27T10:50:30.480Z'],
      [8, 'failure', 'su', 'wrong_password', 'root', null, null, 'vm', '2026-11-27T10:50:30.494Z'],
      [9, 'success', 'sudo', 'password', 'alice', null, null, 'vm', '2026-11-27T10:50:30.501Z'],
    ]);
  });
});
