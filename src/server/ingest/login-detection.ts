// Server-side login detection: each reported attempt is checked against the tenant's recent
// attempts from the same source and against the same account, across every host of the tenant
// (a slow attack spread over hosts is seen whole), with the login engine's detectors. Whitelisted
// attempts are left out of every window, so they neither count nor raise anything.
// Thresholds, threat levels and switches are the tenant's own (defaults until it tunes them).
import type { Kysely } from 'kysely';
import { detectionEnabled } from '../../engines/login/config.js';
import { abnormalLogin } from '../../engines/login/detectors/abnormal-login.js';
import { bruteForce } from '../../engines/login/detectors/brute-force.js';
import type { LoginDetector } from '../../engines/login/detectors/detector.js';
import { distributedAttack } from '../../engines/login/detectors/distributed.js';
import { timed } from '../../engines/login/detectors/index.js';
import { lowAndSlow } from '../../engines/login/detectors/low-and-slow.js';
import { passwordCracked } from '../../engines/login/detectors/password-cracked.js';
import { passwordSpraying } from '../../engines/login/detectors/spraying.js';
import { networkOf } from '../../engines/login/ip.js';
import { whitelistedBy, type WhitelistRule } from '../../engines/login/whitelist.js';
import type { LoginDetection, LoginDetectionConfig, LoginEvent } from '../../model/login.js';
import { hasPastLogin, loginWindow, pastLoginSources, type StoredLogin } from '../store/login-events.js';
import type { Database } from '../store/schema.js';

/** A detection about the attempt just reported, with the hosts its events came from. */
export interface AttemptDetection {
  readonly detection: LoginDetection;
  readonly hostIds: readonly string[];
}

/**
 * Rows read per window. Whether the newest attempt completes a pattern only needs the newest
 * attempts before it (every threshold is far below this), and reading a whole 6-hour window on
 * every attempt of a sustained brute force made ingestion fall behind the attack (8 attempts/s
 * at 5,000 rows). Tuned thresholds above it widen it.
 */
export function windowRows(config: LoginDetectionConfig): number {
  const largest = Math.max(config.bruteForce.failures, config.lowAndSlow.failures, config.passwordCracked.failuresBefore, config.spraying.users, config.distributed.sources);
  return Math.max(200, 4 * largest);
}

function isoBefore(time: string, seconds: number): string {
  return new Date(Date.parse(time) - seconds * 1000).toISOString();
}

/** Runs detectors over a window and keeps the detections whose span covers the attempt. */
function covering(detectors: readonly LoginDetector[], window: readonly StoredLogin[], attempt: StoredLogin, config: LoginDetectionConfig, now: Date): AttemptDetection[] {
  const events: LoginEvent[] = window.map((row) => row.event);
  const hostOf = new Map<LoginEvent, string>(window.map((row) => [row.event, row.hostId]));
  const sorted = timed(events);
  const time = attempt.event.time as string;
  const out: AttemptDetection[] = [];
  for (const detector of detectors) {
    if (!detectionEnabled(config, detector.type)) continue;
    for (const detection of detector.detect(sorted, config, { now })) {
      if (detection.firstSeen > time || detection.lastSeen < time) continue;
      // A cracked password is about the success that completes it: only that attempt raises it.
      if (detection.type === 'password_cracked' && (attempt.event.type !== 'success' || detection.lastSeen !== time)) continue;
      const first = Date.parse(detection.firstSeen);
      const last = Date.parse(detection.lastSeen);
      const hostIds = new Set<string>();
      for (const e of sorted) if (e.at >= first && e.at <= last) hostIds.add(hostOf.get(e.event) ?? '');
      hostIds.delete('');
      out.push({ detection, hostIds: [...hostIds].sort() });
    }
  }
  return out;
}

export async function detectForAttempt(db: Kysely<Database>, tenantId: string, config: LoginDetectionConfig, attempt: StoredLogin, rules: readonly WhitelistRule[], now: Date): Promise<AttemptDetection[]> {
  const { event } = attempt;
  if (event.time === null) return [];
  const time = event.time;
  const allowed = (row: StoredLogin) => whitelistedBy(rules, { sourceIp: row.event.sourceIp, user: row.event.user, hostId: row.hostId, at: Date.parse(row.event.time ?? '') }) === null;
  if (!allowed(attempt)) return [];
  const rows = windowRows(config);
  const out: AttemptDetection[] = [];

  if (event.sourceIp !== null) {
    const source = { column: 'source_ip' as const, value: event.sourceIp };
    if (event.type === 'failure') {
      const seconds = Math.max(config.bruteForce.seconds, config.lowAndSlow.seconds, config.spraying.seconds);
      const window = (await loginWindow(db, tenantId, source, isoBefore(time, seconds), time, rows)).filter(allowed);
      out.push(...covering([bruteForce, lowAndSlow, passwordSpraying], window, attempt, config, now));
    } else {
      const window = (await loginWindow(db, tenantId, source, isoBefore(time, config.passwordCracked.seconds), time, rows)).filter(allowed);
      out.push(...covering([passwordCracked], window, attempt, config, now));
    }
  }
  if (event.user !== null && event.type === 'failure') {
    const window = (await loginWindow(db, tenantId, { column: 'username', value: event.user }, isoBefore(time, config.distributed.seconds), time, rows)).filter(allowed);
    out.push(...covering([distributedAttack], window, attempt, config, now));
  }
  if (event.type === 'success' && event.user !== null && detectionEnabled(config, 'abnormal_login')) {
    // Where this account logged in from on this host before: its /24 or /48 networks.
    const places = (await pastLoginSources(db, attempt.hostId, event.user, attempt.id)).map(networkOf);
    const seenBefore = places.length > 0 || (await hasPastLogin(db, attempt.hostId, event.user, attempt.id));
    const history = { locationsByUser: new Map(seenBefore ? [[event.user, new Set(places)]] : []) };
    for (const detection of abnormalLogin.detect(timed([event]), config, { now, history })) out.push({ detection, hostIds: [attempt.hostId] });
  }
  return out;
}
