// Palisade's parsers against fail2ban's annotated sshd logs: every `# failJSON:` line must agree
// (a failure from that host on that line, or no failure with an address on it).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isNormalModeOnlyNegative, readAnnotatedLog } from './fail2ban-annotations.js';
import { normalizeAddress } from './ip.js';
import { readLoginLog } from './read-log.js';
import type { LoginEvent } from '../../model/login.js';

const corpus = new URL('../../../../shared/corpora/authlogs/', import.meta.url);
const now = new Date('2026-11-27T00:00:00Z');

function readEvents(file: string, bytes: Uint8Array): LoginEvent[] {
  return readLoginLog(file, [bytes], { now, utcOffsetMinutes: 0 }).events;
}

/** The journal short-format file as `journalctl -o json` would print the same entries. */
function asJournalJson(text: string): string {
  let micros = 1_700_000_000_000_000n;
  return text
    .split('\n')
    .map((line) => {
      const m = /^(\S+) ([\w-]+)\[(\d+)\]: (.*)$/.exec(line);
      if (!m || line.startsWith('#')) return line;
      micros += 1_000_000n;
      return JSON.stringify({ __REALTIME_TIMESTAMP: String(micros), _HOSTNAME: m[1], SYSLOG_IDENTIFIER: m[2], _PID: m[3], MESSAGE: m[4] });
    })
    .join('\n');
}

function disagreements(name: string, transform: (text: string) => string = (text) => text): string[] {
  const { text, annotations } = readAnnotatedLog(readFileSync(new URL(name, corpus), 'latin1'));
  const events = readEvents(name, Buffer.from(transform(text), 'latin1'));
  const failuresByLine = new Map<number, Set<string>>();
  for (const event of events) {
    if (event.type !== 'failure' || event.sourceIp === null) continue;
    const set = failuresByLine.get(event.line) ?? new Set<string>();
    set.add(event.sourceIp);
    failuresByLine.set(event.line, set);
  }
  const out: string[] = [];
  for (const annotation of annotations) {
    const found = failuresByLine.get(annotation.line);
    if (annotation.match) {
      const host = annotation.host === null ? null : normalizeAddress(annotation.host);
      if (!found || (host !== null && !found.has(host))) {
        out.push(`${name}:${annotation.line} expected failure from ${host}, got ${found ? [...found].join(',') : 'none'}`);
      }
    } else if (found && !isNormalModeOnlyNegative(annotation)) {
      out.push(`${name}:${annotation.line} expected no failure, got ${[...found].join(',')}`);
    }
  }
  return out;
}

describe('fail2ban annotated corpus', () => {
  for (const name of ['fail2ban-sshd.log', 'fail2ban-sshd-journal.log', 'fail2ban-selinux-ssh.log', 'fail2ban-sshd-head.log', 'fail2ban-dropbear.log']) {
    it(`agrees with every annotated line of ${name}`, () => {
      expect(disagreements(name)).toEqual([]);
    });
  }

  it('agrees with every annotated line of fail2ban-sshd-journal.log read as journalctl -o json', () => {
    expect(disagreements('fail2ban-sshd-journal.log', asJournalJson)).toEqual([]);
  });

  it('checks every annotation it can (147 of 148 sshd lines; one is a mode-specific duplicate)', () => {
    const counts = Object.fromEntries(
      ['fail2ban-sshd.log', 'fail2ban-sshd-journal.log', 'fail2ban-selinux-ssh.log'].map((name) => {
        const { annotations } = readAnnotatedLog(readFileSync(new URL(name, corpus), 'latin1'));
        return [name, [annotations.length, annotations.filter((a) => a.match).length, annotations.filter(isNormalModeOnlyNegative).map((a) => a.line)]];
      }),
    );
    expect(counts).toEqual({
      'fail2ban-sshd.log': [147, 103, [263]],
      'fail2ban-sshd-journal.log': [128, 89, [263]],
      'fail2ban-selinux-ssh.log': [11, 5, []],
    });
  });

  it('agrees with fail2ban-pam-generic.log except one line fail2ban cannot read', () => {
    // "pop(pam_unix)[4920]: authentication failure; … rhost=192.168.10.3 user=mailuser" is a PAM
    // authentication failure from 192.168.10.3; fail2ban's prefix regex does not accept the
    // "(pam_unix)" between program and pid, so its test marks the line as no match. Palisade
    // reports it: the one known, deliberate disagreement.
    expect(disagreements('fail2ban-pam-generic.log')).toEqual(['fail2ban-pam-generic.log:12 expected no failure, got 192.168.10.3']);
  });
});

describe('the plain fail2ban sshd files', () => {
  const read = (name: string) => readEvents(name, readFileSync(new URL(name, corpus)));

  it('reads non-English and Latin-1 month names (testcase01: Déc, Dez, De)', () => {
    const events = read('fail2ban-testcase01.log');
    expect(events).toHaveLength(19);
    expect(events.every((e) => e.type === 'failure' && e.user === 'kevin' && e.time !== null)).toBe(true);
    expect(events.filter((e) => e.time?.slice(5, 10) === '12-31')).toHaveLength(16);
  });

  it('merges the preauth invalid-user hint with its Failed line and forgives refused keys before an accepted login (testcase02)', () => {
    const events = read('fail2ban-testcase02.log');
    expect(events.map((e) => [e.line, e.type, e.reason, e.user, e.sourceIp])).toEqual([
      [2, 'failure', 'invalid_user', 'test123', '66.38.192.238'],
      [8, 'success', 'keyboard-interactive', 'roehl', '141.3.81.106'],
      [11, 'success', 'keyboard-interactive', 'roehl', '141.3.81.106'],
      [12, 'success', 'keyboard-interactive', 'roehl', '141.3.81.106'],
      [13, 'success', 'keyboard-interactive', 'roehl', '141.3.81.106'],
    ]);
  });

  it('reads syslog dates mixed with Unix-epoch and slash dates (testcase04)', () => {
    const events = read('fail2ban-testcase04.log');
    expect(events).toHaveLength(13);
    expect(events.find((e) => e.line === 2)?.time).toBe('2005-08-14T09:40:00.000Z');
    expect(events.find((e) => e.line === 10)?.time).toBe('2005-08-14T11:57:00.000Z');
  });

  it('keeps a DNS name as the source when sshd logs one, and does not merge two peers (usedns)', () => {
    expect(read('fail2ban-testcase-usedns.log').map((e) => e.sourceIp).sort()).toEqual(['145.239.69.22', 'fail2ban.org']);
  });
});
