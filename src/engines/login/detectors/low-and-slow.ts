// Guessing kept under the brute-force rate: many failures from one source over hours
// (default 20 in 6 h). A source already caught as brute force in the same span is not repeated.
import type { LoginDetection } from '../../../model/login.js';
import { bruteForceEpisodes, soleUser } from './brute-force.js';
import type { LoginDetector } from './detector.js';
import { episodes, failures, groupBy, iso } from './windows.js';

export const lowAndSlow: LoginDetector = {
  type: 'low_and_slow',
  version: 1,
  detect(events, config) {
    const fast = new Map(bruteForceEpisodes(events, config.bruteForce).map(({ ip, episodes: found }) => [ip, found]));
    const out: LoginDetection[] = [];
    for (const [ip, list] of groupBy(failures(events), (e) => e.event.sourceIp)) {
      for (const episode of episodes(list, config.lowAndSlow.failures, config.lowAndSlow.seconds)) {
        const overlapsBurst = (fast.get(ip) ?? []).some((burst) => burst.first <= episode.last && burst.last >= episode.first);
        if (overlapsBurst) continue;
        out.push({
          type: 'low_and_slow', sourceIp: ip, user: soleUser(episode.events), severity: config.lowAndSlow.severity,
          count: episode.events.length, firstSeen: iso(episode.first), lastSeen: iso(episode.last),
          detail: `${episode.events.length} failed logins from ${ip} spread over ${Math.round((episode.last - episode.first) / 60_000)} min (threshold ${config.lowAndSlow.failures} in ${config.lowAndSlow.seconds} s)`,
        });
      }
    }
    return out;
  },
};
