// A successful login that breaks the host's expectations: from outside the allowed networks,
// outside the allowed hours, by an account not on the allowed list, from a place the account
// never logged in from (GeoIP place when a database is supplied, else its /24 or /48 network),
// or the first login ever of an account (when history is known).
import type { LoginDetection } from '../../../model/login.js';
import { inCidr, isIP, networkOf } from '../ip.js';
import type { LoginDetector } from './detector.js';
import { iso } from './windows.js';

export const abnormalLogin: LoginDetector = {
  type: 'abnormal_login',
  version: 1,
  detect(events, config, context) {
    const rules = config.abnormal;
    const seen = new Map<string, Set<string>>();
    for (const [user, places] of context.history?.locationsByUser ?? []) seen.set(user, new Set(places));
    const out: LoginDetection[] = [];
    for (const { event, at } of events) {
      if (event.type !== 'success') continue;
      const reasons: string[] = [];
      const ip = event.sourceIp;
      if (ip !== null && rules.allowedCidrs.length > 0 && isIP(ip) !== 0 && !rules.allowedCidrs.some((cidr) => inCidr(ip, cidr))) {
        reasons.push(`source ${ip} outside the allowed networks`);
      }
      if (rules.allowedHours) {
        const hour = new Date(at).getUTCHours();
        const { from, to } = rules.allowedHours;
        const inside = from < to ? hour >= from && hour < to : hour >= from || hour < to;
        if (!inside) reasons.push(`at ${hour}:00 UTC, outside the allowed hours ${from}-${to}`);
      }
      if (event.user !== null && rules.allowedUsers.length > 0 && !rules.allowedUsers.includes(event.user)) {
        reasons.push(`account ${event.user} is not an allowed user`);
      }
      if (event.user !== null && ip !== null) {
        const place = context.locate?.(ip) ?? networkOf(ip);
        const places = seen.get(event.user);
        if (!places) {
          if (rules.firstLogin && context.history) reasons.push(`first login of account ${event.user}`);
          seen.set(event.user, new Set([place]));
        } else if (!places.has(place)) {
          if (rules.newLocation) reasons.push(`${event.user} never logged in from ${place} before`);
          places.add(place);
        }
      }
      if (reasons.length === 0) continue;
      out.push({
        type: 'abnormal_login', sourceIp: ip, user: event.user, severity: rules.severity, count: 1,
        firstSeen: iso(at), lastSeen: iso(at), detail: `${event.service} login: ${reasons.join('; ')}; ${event.file}:${event.line}`,
      });
    }
    return out;
  },
};
