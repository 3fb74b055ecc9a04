// su, sudo and PAM lines, headers in each syslog flavour, and year roll-over.
import { describe, expect, it } from 'vitest';
import { readLoginLog } from '../read-log.js';
import { parseTimePrefix } from '../syslog-time.js';

const now = new Date('2026-01-01T00:05:00Z');
const read = (text: string) => readLoginLog('auth.log', [Buffer.from(text)], { now, utcOffsetMinutes: 0 }).events;
const brief = (text: string) => read(text).map((e) => [e.line, e.type, e.service, e.reason, e.user, e.sourceIp]);

describe('su and sudo', () => {
  it('merges the PAM line of a failed su with its FAILED SU line, and takes the session as the success', () => {
    expect(brief([
      'Dec 31 23:50:01 web1 su[4242]: pam_unix(su:auth): authentication failure; logname=alice uid=1000 euid=0 tty=/dev/pts/0 ruser=alice rhost=  user=root',
      'Dec 31 23:50:03 web1 su[4242]: FAILED SU (to root) alice on pts/0',
      'Dec 31 23:51:00 web1 su[4250]: pam_unix(su-l:session): session opened for user root(uid=0) by alice(uid=1000)',
    ].join('\n'))).toEqual([
      [2, 'failure', 'su', 'wrong_password', 'root', null],
      [3, 'success', 'su', 'session', 'root', null],
    ]);
  });

  it('reads sudo failures and uses', () => {
    expect(brief([
      'Dec 31 23:52:00 web1 sudo[777]: pam_unix(sudo:auth): authentication failure; logname=bob uid=1001 euid=0 tty=/dev/pts/1 ruser=bob rhost=  user=bob',
      'Dec 31 23:52:09 web1 sudo[777]:      bob : 3 incorrect password attempts ; TTY=pts/1 ; PWD=/home/bob ; USER=root ; COMMAND=/usr/bin/id',
      'Dec 31 23:53:00 web1 sudo[778]:    carol : user NOT in sudoers ; TTY=pts/2 ; PWD=/home/carol ; USER=root ; COMMAND=/bin/sh',
      'Dec 31 23:54:00 web1 sudo[779]:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/apt update',
    ].join('\n'))).toEqual([
      [2, 'failure', 'sudo', 'wrong_password', 'bob', null],
      [3, 'failure', 'sudo', 'not_allowed', 'carol', null],
      [4, 'success', 'sudo', 'password', 'alice', null],
    ]);
  });
});

describe('sshd attempts', () => {
  it('makes the PAM line and the sshd line of one attempt one event, on the sshd line', () => {
    const events = read([
      'Jan  1 00:00:01 web1 sshd[900]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.9  user=root',
      'Jan  1 00:00:03 web1 sshd[900]: Failed password for root from 203.0.113.9 port 50000 ssh2',
      'Jan  1 00:00:04 web1 sshd[900]: Failed password for root from 203.0.113.9 port 50000 ssh2',
      'Jan  1 00:00:09 web1 sshd[900]: Connection closed by authenticating user root 203.0.113.9 port 50000 [preauth]',
    ].join('\n'));
    expect(events.map((e) => [e.line, e.reason, e.sourcePort])).toEqual([[2, 'wrong_password', 50000], [3, 'wrong_password', 50000], [4, 'preauth_disconnect', 50000]]);
    expect(events[0]).toMatchObject({ host: 'web1', time: '2026-01-01T00:00:03.000Z', file: 'auth.log' });
  });

  it('keeps OpenSSH 9.8 sshd-session lines as sshd', () => {
    expect(brief('Jan  1 00:01:00 web1 sshd-session[77]: Accepted publickey for deploy from 2001:db8::7 port 40000 ssh2: ED25519 SHA256:abc')).toEqual([
      [1, 'success', 'sshd', 'publickey', 'deploy', '2001:db8::7'],
    ]);
  });
});

describe('timestamps', () => {
  it('puts December lines read in January in the previous year (roll-over)', () => {
    expect(parseTimePrefix('Dec 31 23:59:59 h sshd[1]: x', now, 0).time?.toISOString()).toBe('2025-12-31T23:59:59.000Z');
    expect(parseTimePrefix('Jan  1 00:00:10 h sshd[1]: x', now, 0).time?.toISOString()).toBe('2026-01-01T00:00:10.000Z');
  });

  it('reads RFC 3339 with its offset, and applies the host offset to zone-less dates', () => {
    expect(parseTimePrefix('2026-11-27T09:30:00.123456+02:00 h sshd[1]: x', now, 0).time?.toISOString()).toBe('2026-11-27T07:30:00.123Z');
    expect(parseTimePrefix('Nov 27 09:30:00 h sshd[1]: x', new Date('2026-11-28T00:00:00Z'), 60).time?.toISOString()).toBe('2026-11-27T08:30:00.000Z');
  });

  it('reads RFC 5424 lines with structured data', () => {
    expect(brief('<38>1 2026-11-27T10:00:00.5Z web1 sshd 555 - [meta x="[a]"] Failed password for root from 192.0.2.3 port 1 ssh2')).toEqual([
      [1, 'failure', 'sshd', 'wrong_password', 'root', '192.0.2.3'],
    ]);
  });
});

describe('bad lines', () => {
  it('counts and skips binary and over-long lines, and ignores garbage', () => {
    const text = Buffer.concat([
      Buffer.from('Jan  1 00:00:01 web1 sshd[1]: Invalid user a from 192.0.2.1 port 1\n'),
      Buffer.from([0x00, 0x01, 0x02, 0x0a]),
      Buffer.from(`${'y'.repeat(100_000)}\n`),
      Buffer.from('}}} not a log line {{{\n'),
      Buffer.from('Jan  1 00:00:02 web1 sshd[2]: Invalid user b from 192.0.2.2 port 1'),
    ]);
    const result = readLoginLog('auth.log', [text], { now, utcOffsetMinutes: 0 });
    expect(result.events.map((e) => e.line)).toEqual([1, 5]);
    expect(result.counts).toMatchObject({ binary: 1, tooLong: 1 });
    expect(result.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^line 2: .*binary/), expect.stringMatching(/^line 3: .*longer/)]);
  });
});
