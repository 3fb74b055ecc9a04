// A success from a source that has just failed repeatedly: the guess worked. Critical by
// default. Failures count from the source's previous success, within the window.
import type { LoginDetection } from '../../../model/login.js';
import type { LoginDetector, TimedEvent } from './detector.js';
import { groupBy, iso } from './windows.js';

export const passwordCracked: LoginDetector = {
  type: 'password_cracked',
  version: 1,
  detect(events, config) {
    const { failuresBefore, seconds, severity } = config.passwordCracked;
    const out: LoginDetection[] = [];
    for (const [ip, list] of groupBy(events, (e) => e.event.sourceIp)) {
      let recent: TimedEvent[] = [];
      for (const e of list) {
        recent = recent.filter((f) => e.at - f.at <= seconds * 1000);
        if (e.event.type === 'failure') {
          recent.push(e);
          continue;
        }
        if (recent.length >= failuresBefore) {
          const users = new Set(recent.map((f) => f.event.user));
          out.push({
            type: 'password_cracked', sourceIp: ip, user: e.event.user, severity,
            count: recent.length + 1, firstSeen: iso((recent[0] as TimedEvent).at), lastSeen: iso(e.at),
            detail: `login of ${e.event.user ?? 'unknown user'} from ${ip} after ${recent.length} failures (${users.size} accounts tried); ${e.event.file}:${e.event.line}`,
          });
        }
        recent = [];
      }
    }
    return out;
  },
};
