// su(1) from shadow-utils and util-linux: "FAILED SU (to root) alice on pts/0" closes the attempt
// whose PAM line came first. Success is the PAM session line (messages/pam.ts).
import type { MessageClassifier } from './signal.js';

const failedSu = /^FAILED SU \(to (\S+)\) (\S+) on /;

export const suClassifier: MessageClassifier = {
  name: 'su',
  programs: ['su'],
  classify(record) {
    const m = failedSu.exec(record.message);
    if (!m) return null;
    return { kind: 'failure', service: 'su', reason: 'wrong_password', user: m[1] ?? null, ip: null, port: null };
  },
};
