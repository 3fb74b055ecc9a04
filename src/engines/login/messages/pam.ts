// Linux-PAM module lines any PAM-aware program writes ("pam_unix(sshd:auth): authentication
// failure; … rhost=H user=U", the older "(pam_unix) authentication failure; …") and session
// openings, which are the success record of su and console logins.
import { isHostLike, normalizeAddress } from '../ip.js';
import type { MessageClassifier, Signal } from './signal.js';

// The fields come in a fixed order; ruser= and user= values are attacker-influenced, so rhost is
// the one that leaves a well-formed tail (fail2ban pam-generic "Injecting on username").
const authFailure = /^(?:(pam_\w+)(?:\(([\w-]+)(?::\w+)?\))?:? |\(pam_\w+\) )?authentication failure; .*?ruser=(.*?) rhost=(\S*)(?:\s+user=(.*?))?\s*$/;
const sessionOpened = /^pam_\w+\(([\w-]+):session\): session opened for user ([^\s(]+)(?:\(uid=\d+\))?(?: by ([^\s(]*))?/;

/** Services whose success is only visible as a PAM session (others log their own success line). */
const sessionIsSuccess = new Set(['su', 'su-l', 'login', 'runuser', 'runuser-l']);

function serviceName(program: string, pamService: string | undefined): string {
  const name = pamService && pamService !== 'auth' ? pamService : program;
  if (name === 'su-l') return 'su';
  return name === 'sshd-session' ? 'sshd' : name;
}

export function classifyPam(program: string, message: string): Signal | null {
  if (message.includes('authentication failure;')) {
    const m = authFailure.exec(message);
    if (!m) return null;
    const rhost = m[4] ?? '';
    const user = m[5] || m[3] || null;
    const ip = rhost !== '' && isHostLike(rhost) ? normalizeAddress(rhost) : null;
    // Another module of the stack may still accept the password, and the program usually writes
    // its own line about this attempt next: held until then (merger.ts).
    return { kind: 'failure', service: serviceName(program, m[2]), reason: 'pam_failure', user, ip, port: null, tentative: true };
  }
  if (message.includes(':session): session opened')) {
    const m = sessionOpened.exec(message);
    if (!m?.[1] || !sessionIsSuccess.has(m[1])) return null;
    return { kind: 'success', service: serviceName(program, m[1]), reason: 'session', user: m[2] ?? null, ip: null, port: null };
  }
  return null;
}

export const pamClassifier: MessageClassifier = {
  name: 'pam',
  programs: null,
  classify: (record) => classifyPam(record.program, record.message),
};
