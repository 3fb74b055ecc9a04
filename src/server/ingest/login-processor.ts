// Stores each login attempt an agent reports and turns what the detectors see around it into
// events: a continuing brute force is one pending event whose count grows (raiseEvent dedupes by
// detection type and source or account), a cracked password is a critical event of its own.
import { LOGIN_EVENT } from '../../model/agent-event-types.js';
import { LoginEvent, type LoginDetection } from '../../model/login.js';
import { autoBlock } from '../response/auto-block.js';
import { raiseEvent, type NewEvent } from '../store/events.js';
import { recordLoginEvent } from '../store/login-events.js';
import { tenantWhitelists } from '../store/whitelists.js';
import type { EventProcessor } from './event-processor.js';
import { loginConfigFor } from './login-config-cache.js';
import { detectForAttempt, type AttemptDetection } from './login-detection.js';

const TITLES: Record<LoginDetection['type'], (d: LoginDetection) => string> = {
  brute_force: (d) => `Brute force from ${d.sourceIp}`,
  low_and_slow: (d) => `Slow password guessing from ${d.sourceIp}`,
  password_spraying: (d) => `Password spraying from ${d.sourceIp}`,
  distributed_attack: (d) => `Distributed password guessing against ${d.user}`,
  password_cracked: (d) => `Password cracked: ${d.user ?? 'unknown user'} logged in from ${d.sourceIp} after failures`,
  abnormal_login: (d) => `Abnormal login of ${d.user ?? 'unknown user'} from ${d.sourceIp ?? 'unknown source'}`,
};

/** What makes two detections the same ongoing thing: the attacker, or the attacked account. */
function dedupeKey(d: LoginDetection): string {
  switch (d.type) {
    case 'distributed_attack':
      return `user:${d.user ?? ''}`;
    case 'password_cracked':
    case 'abnormal_login':
      return `source:${d.sourceIp ?? ''}|user:${d.user ?? ''}`;
    default:
      return `source:${d.sourceIp ?? ''}`;
  }
}

export function loginEventOf({ detection: d, hostIds }: AttemptDetection, attempt: LoginEvent): NewEvent {
  return {
    type: d.type,
    severity: d.severity,
    title: TITLES[d.type](d),
    dedupeKey: dedupeKey(d),
    details: {
      sourceIp: d.sourceIp, user: d.user, attempts: d.count, firstSeen: d.firstSeen, lastSeen: d.lastSeen,
      detail: d.detail, hostIds, service: attempt.service, file: attempt.file, line: attempt.line,
    },
  };
}

export const loginProcessor: EventProcessor = {
  types: [LOGIN_EVENT],
  async process(event, { db, host, log, at }) {
    const parsed = LoginEvent.safeParse(event.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return void log.warn({ hostId: host.id, seq: event.seq, problem: `${issue?.path.join('.')}: ${issue?.message}` }, 'malformed login event skipped');
    }
    const stored = await recordLoginEvent(db, host, parsed.data, at);
    const rules = await tenantWhitelists(db, host.tenant_id);
    const config = await loginConfigFor(db, host.tenant_id, log);
    const detections = await detectForAttempt(db, host.tenant_id, config, stored, rules, new Date(at));
    for (const detection of detections) {
      const raised = loginEventOf(detection, stored.event);
      const eventId = await raiseEvent(db, host, raised, at);
      await autoBlock(db, host.tenant_id, { ...detection, eventId, title: raised.title }, rules, at, log);
    }
  },
};
