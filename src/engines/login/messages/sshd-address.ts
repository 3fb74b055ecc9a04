// Address parsing for sshd messages that put a user name before the peer address. User names are
// attacker-chosen ("test from 10.0.0.1 port 22 ssh2"), so the peer is found by shape from a fixed
// anchor, never by the first " from " in the line.
import { isHostLike, normalizeAddress } from '../ip.js';

export interface Peer {
  readonly user: string;
  readonly ip: string;
  readonly port: number | null;
}

// What may follow the peer: port, "on LOCAL port N", protocol, then end or ": auth-info".
// Sticky: tried at each " from " in place (lastIndex), without copying the tail first.
const afterFrom = / from (\S+?)(?: port (\d+))?(?: on \S+(?: port \d+)?)?(?: ssh\d?)?(?:: .*)?$/y;

/** `text` is "USER from HOST[ port N][ sshN][: info]"; the first " from " whose tail fits wins. */
export function userFromPeer(text: string): Peer | null {
  let at = text.indexOf(' from ');
  while (at >= 0) {
    afterFrom.lastIndex = at;
    const m = afterFrom.exec(text);
    if (m?.[1] && isHostLike(m[1])) {
      return { user: text.slice(0, at), ip: normalizeAddress(m[1]), port: m[2] ? Number(m[2]) : null };
    }
    at = text.indexOf(' from ', at + 1);
  }
  return null;
}

// "USER HOST port N" or "HOST port N" or "HOST" at the end of a message.
const trailingPeerPort = /^(?:(.*) )?(\S+) port (\d+)$/;
const trailingPeer = /^(?:(.*) )?(\S+)$/;

/** `text` is "[USER ]HOST[ port N]": the peer is the last address-like token. */
export function userThenPeer(text: string): Peer | null {
  const m = trailingPeerPort.exec(text) ?? trailingPeer.exec(text);
  if (!m?.[2] || !isHostLike(m[2])) return null;
  return { user: m[1] ?? '', ip: normalizeAddress(m[2]), port: m[3] ? Number(m[3]) : null };
}
