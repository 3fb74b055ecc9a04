// Linux audit USER_AUTH / USER_ERR / USER_LOGIN records (sources/audit.ts). A failed USER_AUTH or
// USER_ERR is the failed attempt; USER_LOGIN res=failed only repeats it (fail2ban selinux-ssh),
// and USER_LOGIN res=success is the login.
import type { LoginReason } from '../../../model/login.js';
import { isHostLike, normalizeAddress } from '../ip.js';
import type { MessageClassifier } from './signal.js';

function field(body: string, name: string): string | null {
  const m = new RegExp(`(?:^|[ '])${name}=("[^"]*"|[^\\s']+)`).exec(body);
  if (!m?.[1]) return null;
  return m[1].startsWith('"') ? m[1].slice(1, -1) : m[1];
}

/** acct= is quoted text, or hex when it holds spaces or odd bytes ("28756E6B…" is "(unknown user)"). */
function account(raw: string | null): string | null {
  if (raw === null || raw === '?') return null;
  if (/^(?:[0-9A-F]{2})+$/.test(raw)) return Buffer.from(raw, 'hex').toString('latin1');
  return raw;
}

function reasonOf(op: string): LoginReason {
  if (op === 'password') return 'wrong_password';
  if (op === 'pubkey') return 'publickey_rejected';
  if (op.startsWith('PAM:bad_ident')) return 'bad_protocol';
  return 'pam_failure';
}

export const auditClassifier: MessageClassifier = {
  name: 'audit',
  programs: ['audit'],
  classify(record) {
    const space = record.message.indexOf(' ');
    const type = record.message.slice(0, space);
    const body = record.message.slice(space + 1);
    if (type !== 'USER_AUTH' && type !== 'USER_ERR' && type !== 'USER_LOGIN') return null;
    const exe = field(body, 'exe') ?? '';
    const service = exe.slice(exe.lastIndexOf('/') + 1) || 'unknown';
    const res = field(body, 'res');
    const addr = [field(body, 'addr'), field(body, 'hostname')].find((v) => v !== null && v !== '?' && isHostLike(v)) ?? null;
    const ip = addr === null ? null : normalizeAddress(addr);
    const user = account(field(body, 'acct'));
    if (type === 'USER_LOGIN') {
      return res === 'success' ? { kind: 'success', service, reason: 'session', user, ip, port: null } : null;
    }
    if (res !== 'failed') return null;
    return { kind: 'failure', service, reason: reasonOf(field(body, 'op') ?? ''), user, ip, port: null };
  },
};
