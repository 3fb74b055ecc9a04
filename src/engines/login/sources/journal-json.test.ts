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
});
