// Many sources against one account (a botnet sharing a password list): failures for one user
// from at least N distinct sources within the window.
import type { LoginDetection } from '../../../model/login.js';
import type { LoginDetector } from './detector.js';
import { episodes, failures, groupBy, iso } from './windows.js';

export const distributedAttack: LoginDetector = {
  type: 'distributed_attack',
  version: 1,
  detect(events, config) {
    const { sources, seconds, severity } = config.distributed;
    const out: LoginDetection[] = [];
    const withSource = failures(events).filter((e) => e.event.sourceIp !== null);
    for (const [user, list] of groupBy(withSource, (e) => e.event.user)) {
      for (const episode of episodes(list, sources, seconds, (e) => e.event.sourceIp ?? '')) {
        const distinct = new Set(episode.events.map((e) => e.event.sourceIp)).size;
        out.push({
          type: 'distributed_attack', sourceIp: null, user, severity,
          count: episode.events.length, firstSeen: iso(episode.first), lastSeen: iso(episode.last),
          detail: `${episode.events.length} failed logins for ${user} from ${distinct} sources (threshold ${sources} sources in ${seconds} s)`,
        });
      }
    }
    return out;
  },
};
