// OpenSSH's sshd (and sshd-session, OpenSSH >= 9.8). Which messages count as failures follows
// fail2ban's sshd filter in all its modes (normal, ddos, extra, aggressive): a failure in any mode
// is a failure here. Lines without the peer address (kex errors, "Too many authentication
// failures") get it from the connection in merger.ts.
import type { LoginReason } from '../../../model/login.js';
import { isHostLike, normalizeAddress } from '../ip.js';
import type { MessageClassifier, Signal } from './signal.js';
import { userFromPeer, userThenPeer } from './sshd-address.js';

const SERVICE = 'sshd';

const accepted = /^Accepted (\S+) for (.*)$/;
const failed = /^Failed (\S+) for (.*)$/;
const notAllowed = /^User (.+?) from (\S+) not allowed because (.*)$/;
const pamError = /^PAM: (?:[Aa]uthentication (?:failure|error)|User not known to the underlying authentication module) for (?:(illegal|invalid) user )?(.*) from (\S+?)(?: via \S+)?\s*$/;
const receivedDisconnect = /^Received disconnect from (\S+?)(?: port (\d+))?: ?(\d+): (.*)$/;
const disconnecting = /^Disconnecting (?:(?:invalid|authenticating) user )?(.*?) port (\d+): (.*)$/;
const tooManyFor = /^Disconnecting: Too many authentication failures(?: for (?:(?:invalid|illegal) user )?(.*))?$/;
const hostPort = /^(\S+?)(?: port (\d+))?$/;
const fromHostPort = / from (\S+?)(?: port (\d+))?$/;
const kernelPrefix = /^kernel: ?\[\s*[\d.]+\]:? /;
const remote = /Remote: (\S+?)-(\d+);/;
const connectionFrom = /^Connection from (\S+) port (\d+)/;
const sshFatalFrom = /^(?:banner exchange|ssh_dispatch_run_fatal): Connection from (\S+) port (\d+):/;
const negotiateWith = /^Unable to negotiate with (\S+) port (\d+):/;
const timeout = /^Timeout before authentication for (?:connection from )?(\S+?)(?: port (\d+))?(?: to \S+?)?(?:, pid = \d+)?$/;

function method(name: string): LoginReason {
  if (name === 'password') return 'password';
  if (name === 'publickey') return 'publickey';
  if (name.startsWith('keyboard-interactive')) return 'keyboard-interactive';
  if (name === 'hostbased') return 'hostbased';
  return 'other-method';
}

function failure(reason: LoginReason, ip: string | null, port: number | null, user: string | null, extra?: { tentative?: true; echoesTooMany?: true }): Signal {
  const address = ip === null ? null : normalizeAddress(ip);
  // Written out rather than spread: object spread was a visible cost on the hot path.
  if (extra?.tentative) return { kind: 'failure', service: SERVICE, reason, user, ip: address, port, tentative: true };
  if (extra?.echoesTooMany) return { kind: 'failure', service: SERVICE, reason, user, ip: address, port, echoesTooMany: true };
  return { kind: 'failure', service: SERVICE, reason, user, ip: address, port };
}

function peerFailure(reason: LoginReason, m: RegExpExecArray | null): Signal | null {
  if (!m?.[1] || !isHostLike(m[1])) return null;
  return failure(reason, m[1], m[2] ? Number(m[2]) : null, null);
}

// Module constants: an array literal in the loop head would be built again on every line.
const INVALID_PREFIXES = ['invalid user ', 'illegal user '] as const;
const CLOSE_PREFIXES = ['authenticating user ', 'invalid user ', 'user '] as const;

function withoutInvalid(text: string): { text: string; invalid: boolean } {
  for (const prefix of INVALID_PREFIXES) {
    if (text.startsWith(prefix)) return { text: text.slice(prefix.length), invalid: true };
  }
  return { text, invalid: false };
}

/** A peer-closing message: "Connection closed by [authenticating|invalid user U ]HOST[ port N]". */
function close(rest: string, preauth: boolean): Signal | null {
  let text = rest;
  let user: string | null = null;
  for (const prefix of CLOSE_PREFIXES) {
    if (text.startsWith(prefix)) {
      const peer = userThenPeer(text.slice(prefix.length));
      if (!peer) return null;
      user = peer.user;
      text = peer.port === null ? peer.ip : `${peer.ip} port ${peer.port}`;
      break;
    }
  }
  const m = hostPort.exec(text);
  if (!m?.[1] || !isHostLike(m[1])) return null;
  return { kind: 'close', service: SERVICE, ip: normalizeAddress(m[1]), port: m[2] ? Number(m[2]) : null, user, preauth };
}

export function classifySshd(raw: string): Signal | null {
  let msg = raw;
  const first = msg.charCodeAt(0);
  if (first === 91 /* [ */ && msg.startsWith('[ID ')) msg = msg.slice(msg.indexOf('] ') + 2);
  // journald may prefix kernel-style timestamps: "kernel:[  970.699396]: ", "kernel: [ 970.6] ".
  else if (first === 107 /* k */ && msg.startsWith('kernel:')) msg = msg.replace(kernelPrefix, '');
  while ((msg.charCodeAt(0) === 101 && msg.startsWith('error: ')) || (msg.charCodeAt(0) === 102 && msg.startsWith('fatal: '))) msg = msg.slice(7);
  const preauth = msg.charCodeAt(msg.length - 1) === 93 /* ] */ && msg.endsWith(' [preauth]');
  if (preauth) msg = msg.slice(0, -10);
  if (msg.charCodeAt(msg.length - 1) === 32) msg = msg.trimEnd();

  switch (msg.charCodeAt(0)) {
    case 65: /* A */ {
      const m = accepted.exec(msg);
      if (!m) return null;
      const peer = userFromPeer(m[2] ?? '');
      if (!peer) return null;
      return { kind: 'success', service: SERVICE, reason: method(m[1] ?? ''), user: peer.user, ip: peer.ip, port: peer.port };
    }
    case 70: /* F */ {
      const m = failed.exec(msg);
      if (!m) return null;
      const name = m[1] ?? '';
      const { text, invalid } = withoutInvalid(m[2] ?? '');
      const peer = userFromPeer(text);
      if (!peer) return null;
      const unknownUser = invalid || peer.user === '<invalid username>';
      if (unknownUser) return failure('invalid_user', peer.ip, peer.port, peer.user);
      // A refused key of a real user is how clients try their keys one by one (fail2ban gh-1263):
      // it only counts if no key is accepted before the connection ends.
      if (name === 'publickey') return failure('publickey_rejected', peer.ip, peer.port, peer.user, { tentative: true });
      return failure(name === 'hostbased' ? 'publickey_rejected' : 'wrong_password', peer.ip, peer.port, peer.user);
    }
    case 73: /* I */ {
      if (msg.startsWith('Invalid user ') || msg.startsWith('Illegal user ')) {
        const peer = userFromPeer(msg.slice('Invalid user '.length));
        return peer ? failure('invalid_user', peer.ip, peer.port, peer.user) : null;
      }
      return null;
    }
    case 85: /* U */ {
      if (msg.startsWith('User ')) {
        const m = notAllowed.exec(msg);
        if (m?.[2] && isHostLike(m[2])) return failure('not_allowed', m[2], null, m[1] ?? null);
        const locked = /^User (.+?) not allowed because /.exec(msg);
        return locked ? failure('not_allowed', null, null, locked[1] ?? null, { tentative: true }) : null;
      }
      if (msg.startsWith('Unable to negotiate with ')) return peerFailure('negotiation_failed', negotiateWith.exec(msg));
      if (msg.startsWith('Unable to negotiate')) return failure('negotiation_failed', null, null, null);
      return null;
    }
    case 82: /* R */ {
      if (msg.startsWith('ROOT LOGIN REFUSED FROM ')) return peerFailure('root_refused', hostPort.exec(msg.slice('ROOT LOGIN REFUSED FROM '.length)));
      if (msg.startsWith('Received disconnect from ')) {
        const m = receivedDisconnect.exec(msg);
        if (!m?.[1] || !isHostLike(m[1])) return null;
        const code = Number(m[3]);
        if (code === 14 || /auth fail/i.test(m[4] ?? '')) return failure('preauth_disconnect', m[1], m[2] ? Number(m[2]) : null, null);
        return { kind: 'close', service: SERVICE, ip: normalizeAddress(m[1]), port: m[2] ? Number(m[2]) : null, user: null, preauth };
      }
      if (msg.startsWith('Read from socket failed')) return preauth ? failure('preauth_disconnect', null, null, null) : null;
      return null;
    }
    case 68: /* D */ {
      if (msg.startsWith('Did not receive identification string from ')) return peerFailure('bad_protocol', hostPort.exec(msg.slice('Did not receive identification string from '.length)));
      if (msg.startsWith('Disconnected from ')) return close(msg.slice('Disconnected from '.length), preauth);
      if (msg.startsWith('Disconnecting: Too many authentication failures')) {
        const m = tooManyFor.exec(msg);
        return failure('too_many_failures', null, null, m?.[1] ?? null, { echoesTooMany: true });
      }
      if (msg.startsWith('Disconnecting ')) {
        const m = disconnecting.exec(msg);
        const peer = m ? userThenPeer(m[1] ?? '') : null;
        if (!m || !peer) return null;
        const port = Number(m[2]);
        if ((m[3] ?? '').startsWith('Too many authentication failures')) {
          return failure('too_many_failures', peer.ip, port, peer.user || null, { echoesTooMany: true });
        }
        if (!preauth) return { kind: 'close', service: SERVICE, ip: peer.ip, port, user: peer.user || null, preauth };
        return failure('not_allowed', peer.ip, port, peer.user || null);
      }
      return null;
    }
    case 67: /* C */ {
      if (msg.startsWith('Connection closed by ')) return msg === 'Connection closed by remote host' ? null : close(msg.slice('Connection closed by '.length), preauth);
      if (msg.startsWith('Connection reset by ')) return msg.startsWith('Connection reset by peer') ? null : close(msg.slice('Connection reset by '.length), preauth);
      if (msg.startsWith('Connection from ')) {
        const m = connectionFrom.exec(msg);
        return m?.[1] && isHostLike(m[1]) ? { kind: 'connect', ip: normalizeAddress(m[1]), port: Number(m[2]) } : null;
      }
      return null;
    }
    case 66: /* B */ {
      if (msg.startsWith('Bad protocol version identification ')) return peerFailure('bad_protocol', fromHostPort.exec(msg));
      return null;
    }
    case 80: /* P */ {
      if (msg.startsWith('PAM: ')) {
        const m = pamError.exec(msg);
        if (!m?.[3] || !isHostLike(m[3])) return null;
        return failure(m[1] ? 'invalid_user' : 'pam_failure', m[3], null, m[2] ?? null);
      }
      return null;
    }
    case 83: /* S */ {
      if (msg.startsWith('SSH: Server;Ltype:')) {
        const m = remote.exec(msg);
        return m?.[1] && isHostLike(m[1]) ? { kind: 'connect', ip: normalizeAddress(m[1]), port: Number(m[2]) } : null;
      }
      return null;
    }
    default: {
      if (msg.startsWith('kex_exchange_identification: ')) return failure('bad_protocol', null, null, null);
      if (msg.startsWith('ssh_dispatch_run_fatal: ') || msg.startsWith('banner exchange: ')) return peerFailure('bad_protocol', sshFatalFrom.exec(msg));
      if (msg.startsWith('maximum authentication attempts exceeded for ')) {
        const { text } = withoutInvalid(msg.slice('maximum authentication attempts exceeded for '.length));
        const peer = userFromPeer(text);
        return peer ? failure('too_many_failures', peer.ip, peer.port, peer.user) : null;
      }
      if (msg.startsWith('refused connect from ')) {
        const m = /\((\S+)\)$/.exec(msg);
        return peerFailure('not_allowed', m);
      }
      if (msg.startsWith('input_userauth_request: ')) {
        const m = /^input_userauth_request: (?:invalid|illegal) user (.*)$/.exec(msg);
        return m ? failure('invalid_user', null, null, m[1] ?? null, { tentative: true }) : null;
      }
      if (msg.startsWith('no matching ')) return failure('negotiation_failed', null, null, null);
      if (msg.startsWith('Timeout before authentication for ')) return peerFailure('preauth_disconnect', timeout.exec(msg));
      return null;
    }
  }
}

export const sshdClassifier: MessageClassifier = {
  name: 'sshd',
  programs: ['sshd', 'sshd-session'],
  classify: (record) => classifySshd(record.message),
};
