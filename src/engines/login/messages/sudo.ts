// sudo(8): "alice : TTY=pts/0 ; PWD=/ ; USER=root ; COMMAND=/bin/ls" is a successful use,
// "alice : 3 incorrect password attempts ; …" and "alice : user NOT in sudoers ; …" are failures.
// The user is the one who typed (their own) password.
import type { MessageClassifier } from './signal.js';

const entry = /^\s*(\S+) : (.*)$/;

export const sudoClassifier: MessageClassifier = {
  name: 'sudo',
  programs: ['sudo'],
  classify(record) {
    const m = entry.exec(record.message);
    if (!m) return null;
    const user = m[1] ?? null;
    const rest = m[2] ?? '';
    if (/^\d+ incorrect password attempts? ;/.test(rest)) {
      return { kind: 'failure', service: 'sudo', reason: 'wrong_password', user, ip: null, port: null };
    }
    if (rest.startsWith('user NOT in sudoers') || rest.startsWith('user NOT authorized')) {
      return { kind: 'failure', service: 'sudo', reason: 'not_allowed', user, ip: null, port: null };
    }
    if (rest.startsWith('TTY=') && rest.includes('COMMAND=')) {
      return { kind: 'success', service: 'sudo', reason: 'password', user, ip: null, port: null };
    }
    return null;
  },
};
