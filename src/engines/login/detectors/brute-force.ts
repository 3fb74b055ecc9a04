// Password guessing from one source: at least N failures within a sliding window
// (default 5 in 60 s). One detection per burst, with the burst's count and span.
import type { LoginDetection, LoginDetectionConfig } from '../../../model/login.js';
import type { LoginDetector, TimedEvent } from './detector.js';
import { episodes, failures, groupBy, iso } from './windows.js';

export function bruteForceEpisodes(events: readonly TimedEvent[], config: LoginDetectionConfig['bruteForce']) {
  const bySource = groupBy(failures(events), (e) => e.event.sourceIp);
  return [...bySource].map(([ip, list]) => ({ ip, episodes: episodes(list, config.failures, config.seconds) }));
}

export function soleUser(events: readonly TimedEvent[]): string | null {
  const users = new Set(events.map((e) => e.event.user));
  return users.size === 1 ? ([...users][0] ?? null) : null;
}

export const bruteForce: LoginDetector = {
  type: 'brute_force',
  version: 1,
  detect(events, config) {
    const out: LoginDetection[] = [];
    for (const { ip, episodes: found } of bruteForceEpisodes(events, config.bruteForce)) {
      for (const episode of found) {
        out.push({
          type: 'brute_force', sourceIp: ip, user: soleUser(episode.events), severity: config.bruteForce.severity,
          count: episode.events.length, firstSeen: iso(episode.first), lastSeen: iso(episode.last),
          detail: `${episode.events.length} failed logins from ${ip} (threshold ${config.bruteForce.failures} in ${config.bruteForce.seconds} s)`,
        });
      }
    }
    return out;
  },
};
