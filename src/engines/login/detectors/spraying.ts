// One source trying many accounts (password spraying, user enumeration): failures from one
// source for at least N distinct users within the window.
import type { LoginDetection } from '../../../model/login.js';
import type { LoginDetector } from './detector.js';
import { episodes, failures, groupBy, iso } from './windows.js';

export const passwordSpraying: LoginDetector = {
  type: 'password_spraying',
  version: 1,
  detect(events, config) {
    const { users, seconds, severity } = config.spraying;
    const out: LoginDetection[] = [];
    for (const [ip, list] of groupBy(failures(events), (e) => e.event.sourceIp)) {
      for (const episode of episodes(list, users, seconds, (e) => e.event.user ?? '')) {
        const distinct = new Set(episode.events.map((e) => e.event.user)).size;
        out.push({
          type: 'password_spraying', sourceIp: ip, user: null, severity,
          count: episode.events.length, firstSeen: iso(episode.first), lastSeen: iso(episode.last),
          detail: `${episode.events.length} failed logins from ${ip} for ${distinct} accounts (threshold ${users} accounts in ${seconds} s)`,
        });
      }
    }
    return out;
  },
};
