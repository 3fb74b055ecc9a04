// wtmp/btmp written by util-linux's utmpdump (the real record writer), read back by the parser.
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { needService } from '../../../../test/support/services.js';
import { parseLastlog, parseUtmp, UTMP_RECORD_BYTES, utmpLoginEvents } from './utmp.js';

const hasUtmpdump = spawnSync('utmpdump', ['--version']).status === 0;

function utmpFromDump(dump: string): Buffer {
  return execFileSync('utmpdump', ['--reverse'], { input: dump });
}

describe('utmp records', () => {
  it('reads wtmp logins and btmp failures as utmpdump writes them', () => {
    if (!needService('utmpdump', { available: hasUtmpdump, reason: 'util-linux utmpdump not installed' })) return;
    const wtmp = utmpFromDump([
      '[2] [00000] [~~  ] [reboot  ] [~           ] [6.1.0               ] [0.0.0.0        ] [2026-11-27T07:00:00,000000+00:00]',
      '[7] [04242] [ts/0] [alice   ] [pts/0       ] [203.0.113.5         ] [203.0.113.5    ] [2026-11-27T07:01:02,000000+00:00]',
      '[7] [04243] [ts/1] [bob     ] [pts/1       ] [2001:db8::9         ] [2001:db8::9    ] [2026-11-27T07:02:03,000000+00:00]',
      '[8] [04242] [ts/0] [        ] [pts/0       ] [                    ] [0.0.0.0        ] [2026-11-27T07:30:00,000000+00:00]',
    ].join('\n') + '\n');
    expect(wtmp.length).toBe(4 * UTMP_RECORD_BYTES);
    expect(parseUtmp(wtmp).records.map((r) => r.type)).toEqual([2, 7, 7, 8]);
    const events = utmpLoginEvents(wtmp, '/var/log/wtmp', 'wtmp').records;
    expect(events.map((e) => [e.line, e.type, e.service, e.user, e.sourceIp, e.time])).toEqual([
      [2, 'success', 'sshd', 'alice', '203.0.113.5', '2026-11-27T07:01:02.000Z'],
      [3, 'success', 'sshd', 'bob', '2001:db8::9', '2026-11-27T07:02:03.000Z'],
    ]);
    const btmp = utmpFromDump('[6] [05000] [    ] [admin   ] [ssh:notty   ] [198.51.100.4        ] [198.51.100.4   ] [2026-11-27T08:00:00,000000+00:00]\n');
    expect(utmpLoginEvents(btmp, '/var/log/btmp', 'btmp').records).toEqual([
      expect.objectContaining({ type: 'failure', service: 'sshd', user: 'admin', sourceIp: '198.51.100.4' }),
    ]);
  });

  it('reports a short trailing record instead of guessing', () => {
    const result = utmpLoginEvents(Buffer.alloc(UTMP_RECORD_BYTES + 100), 'wtmp', 'wtmp');
    expect(result).toEqual({ records: [], trailingBytes: 100 });
  });

  it('reads lastlog entries by uid and skips never-used ones', () => {
    const buffer = Buffer.alloc(292 * 3);
    buffer.writeUInt32LE(1_795_000_000, 292 * 2);
    buffer.write('pts/3', 292 * 2 + 4);
    buffer.write('192.0.2.44', 292 * 2 + 36);
    expect(parseLastlog(buffer).records).toEqual([{ uid: 2, time: new Date(1_795_000_000_000), line: 'pts/3', host: '192.0.2.44' }]);
  });
});
