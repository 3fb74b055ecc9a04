// The detectors over events built from real sshd lines (fail2ban corpus formats), with a fake clock.
import { describe, expect, it } from 'vitest';
import type { LoginDetection, LoginEvent } from '../../../model/login.js';
import { defaultLoginDetectionConfig, loadLoginDetectionConfig } from '../config.js';
import { readLoginLog } from '../read-log.js';
import { detectLogins } from './index.js';

const now = new Date('2026-11-27T12:00:00Z');

function at(seconds: number): string {
  const d = new Date(Date.UTC(2026, 10, 27, 8, 0, 0) + seconds * 1000);
  const month = d.toLocaleString('en', { month: 'short', timeZone: 'UTC' });
  return `${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)}`;
}

/** Lines as sshd writes them; each entry is [seconds after 08:00, message]. */
function events(lines: [number, string][]): LoginEvent[] {
  const text = lines.map(([s, msg], i) => `${at(s)} web1 sshd[${1000 + i}]: ${msg}\n`).join('');
  return readLoginLog('auth.log', [Buffer.from(text)], { now, utcOffsetMinutes: 0 }).events;
}

const failed = (ip: string, user = 'root') => `Failed password for ${user} from ${ip} port 4242 ssh2`;
const accepted = (ip: string, user = 'root') => `Accepted password for ${user} from ${ip} port 4242 ssh2`;

function detect(list: LoginEvent[], overrides?: unknown, extra: Parameters<typeof detectLogins>[2] extends infer C ? Partial<C> : never = {}): LoginDetection[] {
  const loaded = loadLoginDetectionConfig(overrides);
  if (!loaded.ok) throw new Error(loaded.errors.join());
  return detectLogins(list, loaded.config, { now, ...extra });
}

const types = (found: LoginDetection[]) => found.map((d) => `${d.type}:${d.sourceIp ?? '-'}:${d.user ?? '-'}:${d.count}`);

describe('brute force', () => {
  it('needs 5 failures within 60 s from one source by default', () => {
    const four = events([0, 10, 20, 30].map((s) => [s, failed('203.0.113.9')]));
    expect(detect(four)).toEqual([]);
    const spread = events([0, 20, 40, 61, 80].map((s) => [s, failed('203.0.113.9')]));
    expect(types(detect(spread))).toEqual([]);
    const five = events([0, 10, 20, 30, 40].map((s) => [s, failed('203.0.113.9')]));
    const found = detect(five);
    expect(types(found)).toEqual(['brute_force:203.0.113.9:root:5']);
    expect(found[0]).toMatchObject({ severity: 'high', firstSeen: '2026-11-27T08:00:00.000Z', lastSeen: '2026-11-27T08:00:40.000Z' });
  });

  it('aggregates a long burst into one detection and separates bursts an hour apart', () => {
    const burst = (start: number) => Array.from({ length: 12 }, (_, i): [number, string] => [start + i * 5, failed('198.51.100.4')]);
    expect(types(detect(events([...burst(0), ...burst(3600)])))).toEqual(['brute_force:198.51.100.4:root:12', 'brute_force:198.51.100.4:root:12']);
  });

  it('takes thresholds per tenant', () => {
    const three = events([0, 10, 20].map((s) => [s, failed('203.0.113.9')]));
    expect(types(detect(three, { bruteForce: { failures: 3 } }))).toEqual(['brute_force:203.0.113.9:root:3']);
  });
});

describe('low and slow, distributed, spraying', () => {
  it('catches failures kept under the burst rate over hours', () => {
    const slow = events(Array.from({ length: 20 }, (_, i): [number, string] => [i * 600, failed('192.0.2.77')]));
    expect(types(detect(slow))).toEqual(['low_and_slow:192.0.2.77:root:20']);
  });

  it('does not repeat a burst as low-and-slow', () => {
    const fast = events(Array.from({ length: 25 }, (_, i): [number, string] => [i * 2, failed('192.0.2.78')]));
    expect(types(detect(fast))).toEqual(['brute_force:192.0.2.78:root:25']);
  });

  it('catches many sources against one account', () => {
    const list = events(Array.from({ length: 5 }, (_, i): [number, string] => [i * 300, failed(`198.51.100.${10 + i}`, 'deploy')]));
    expect(types(detect(list))).toEqual(['distributed_attack:-:deploy:5']);
  });

  it('catches one source trying many accounts', () => {
    const list = events(['admin', 'oracle', 'test', 'ubuntu', 'pi'].map((user, i): [number, string] => [i * 120, `Invalid user ${user} from 203.0.113.50 port 5000`]));
    expect(types(detect(list))).toEqual(['password_spraying:203.0.113.50:-:5']);
  });
});

describe('password cracked', () => {
  it('is a success after failures from the same source, critical', () => {
    const list = events([[0, failed('203.0.113.9')], [5, failed('203.0.113.9')], [10, failed('203.0.113.9')], [15, accepted('203.0.113.9')]]);
    const found = detect(list).filter((d) => d.type === 'password_cracked');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ sourceIp: '203.0.113.9', user: 'root', severity: 'critical', count: 4 });
  });

  it('is not a success from another source, nor after too few failures', () => {
    const list = events([[0, failed('203.0.113.9')], [5, failed('203.0.113.9')], [10, failed('203.0.113.9')], [15, accepted('192.0.2.1')], [20, failed('192.0.2.2')], [25, accepted('192.0.2.2')]]);
    expect(detect(list).filter((d) => d.type === 'password_cracked')).toEqual([]);
  });
});

describe('abnormal login', () => {
  const login = (ip: string, user = 'alice', s = 0) => events([[s, accepted(ip, user)]]);

  it('flags logins outside the allowed networks, hours and users', () => {
    const rules = { abnormal: { allowedCidrs: ['10.0.0.0/8', '2001:db8::/32'], allowedHours: { from: 9, to: 18 }, allowedUsers: ['alice'] } };
    expect(detect(login('10.1.2.3'), rules).map((d) => d.detail)).toEqual([expect.stringContaining('outside the allowed hours 9-18')]);
    const found = detect(login('203.0.113.5', 'mallory'), rules);
    expect(found).toHaveLength(1);
    expect(found[0]?.detail).toMatch(/outside the allowed networks.*allowed hours.*mallory is not an allowed user/);
    expect(detect(login('2001:db8::5', 'alice', 3 * 3600), rules)).toEqual([]);
  });

  it('flags a new network for a user (the /24 without GeoIP) and a new GeoIP place when given one', () => {
    const list = [...login('198.51.100.7', 'alice', 0), ...login('198.51.100.200', 'alice', 60), ...login('203.0.113.5', 'alice', 120)];
    expect(detect(list).map((d) => d.detail)).toEqual([expect.stringContaining('never logged in from 203.0.113.0/24')]);
    const places: Record<string, string> = { '198.51.100.7': 'DE/Berlin', '198.51.100.200': 'FR/Paris', '203.0.113.5': 'DE/Berlin' };
    expect(detect(list, undefined, { locate: (ip) => places[ip] ?? null }).map((d) => d.detail)).toEqual([expect.stringContaining('never logged in from FR/Paris')]);
  });

  it('flags the first login of an account when history is known', () => {
    const history = { locationsByUser: new Map([['alice', new Set(['198.51.100.0/24'])]]) };
    const list = [...login('198.51.100.7', 'alice'), ...login('198.51.100.8', 'bob', 30)];
    expect(detect(list, undefined, { history }).map((d) => `${d.user}: ${d.detail}`)).toEqual([expect.stringContaining('bob: sshd login: first login of account bob')]);
  });
});

describe('detection config', () => {
  it('has the documented defaults', () => {
    expect(defaultLoginDetectionConfig.bruteForce).toEqual({ enabled: true, failures: 5, seconds: 60, severity: 'high' });
    expect(defaultLoginDetectionConfig.passwordCracked.severity).toBe('critical');
  });

  it('bounds thresholds, and leaves a switched-off detection out', () => {
    const result = loadLoginDetectionConfig({ bruteForce: { failures: 1001 }, lowAndSlow: { seconds: 8 * 86_400 } });
    expect(result.ok ? [] : result.errors.join('\n')).toMatch(/bruteForce\.failures[\s\S]*lowAndSlow\.seconds/);
    const burst = events(Array.from({ length: 6 }, (_, i): [number, string] => [i, failed('203.0.113.9')]));
    expect(detect(burst).map((d) => d.type)).toContain('brute_force');
    expect(detect(burst, { bruteForce: { enabled: false } }).map((d) => d.type)).not.toContain('brute_force');
  });

  it('reports bad fields with their path instead of throwing', () => {
    const result = loadLoginDetectionConfig({ bruteForce: { failures: 0 }, abnormal: { allowedCidrs: ['not-a-net'] }, bruteforce: {} });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.join('\n')).toMatch(/bruteForce\.failures/);
      expect(result.errors.join('\n')).toMatch(/abnormal\.allowedCidrs\.0/);
      expect(result.errors.join('\n')).toMatch(/bruteforce/);
    }
    expect(loadLoginDetectionConfig('5')).toEqual({ ok: false, errors: ['override 1: expected an object'] });
  });
});
