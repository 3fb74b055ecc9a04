// Dropbear, the SSH server of embedded Linux (routers, OpenWrt, BusyBox images). Addresses come
// as "ADDR:PORT" (IPv6 included, so the port is the part after the last colon) or "<ADDR:PORT>".
import { isHostLike, normalizeAddress } from '../ip.js';
import type { MessageClassifier, Signal } from './signal.js';

// Newer builds repeat "[pid] Mmm dd hh:mm:ss " inside the message (fail2ban gh-3597).
const innerStamp = /^\[\d+\] [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d /;
const badPassword = /^[Bb]ad password attempt for '(.*)' from (\S+)$/;
const noUser = /^[Ll]ogin attempt for nonexistent user(?: '(.*)')? from (\S+)$/;
const maxTries = /^Exit before auth(?: from <(\S+)>:)? \((?:user '(.*)', )?\d+ fails\): Max auth tries reached - user '(.*?)'(?: from (\S+))?$|^Exit before auth from <(\S+)>: Max auth tries reached - user '(.*)'$/;
const accepted = /^(Password|Pubkey) auth succeeded for '(.*)'(?: with .*)? from (\S+)$/;

function peer(text: string | undefined): { ip: string; port: number | null } | null {
  if (!text) return null;
  const colon = text.lastIndexOf(':');
  const host = colon > 0 ? text.slice(0, colon) : text;
  const port = colon > 0 ? Number(text.slice(colon + 1)) : NaN;
  if (!isHostLike(host)) return null;
  return { ip: normalizeAddress(host), port: Number.isInteger(port) ? port : null };
}

export function classifyDropbear(raw: string): Signal | null {
  const msg = raw.replace(innerStamp, '');
  let m = badPassword.exec(msg);
  if (m) {
    const p = peer(m[2]);
    return p ? { kind: 'failure', service: 'dropbear', reason: 'wrong_password', user: m[1] ?? null, ...p } : null;
  }
  m = noUser.exec(msg);
  if (m) {
    const p = peer(m[2]);
    return p ? { kind: 'failure', service: 'dropbear', reason: 'invalid_user', user: m[1] ?? null, ...p } : null;
  }
  m = maxTries.exec(msg);
  if (m) {
    const p = peer(m[1] ?? m[4] ?? m[5]);
    return p ? { kind: 'failure', service: 'dropbear', reason: 'too_many_failures', user: m[2] ?? m[3] ?? m[6] ?? null, ...p } : null;
  }
  m = accepted.exec(msg);
  if (m) {
    const p = peer(m[3]);
    return p ? { kind: 'success', service: 'dropbear', reason: m[1] === 'Password' ? 'password' : 'publickey', user: m[2] ?? null, ...p } : null;
  }
  return null;
}

export const dropbearClassifier: MessageClassifier = {
  name: 'dropbear',
  programs: ['dropbear'],
  classify: (record) => classifyDropbear(record.message),
};
