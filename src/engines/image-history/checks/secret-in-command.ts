// Secrets typed into RUN commands are kept verbatim in the image history: credentials in URLs,
// password options, sensitive variables set inline, and whatever the secret rules match.
import type { HistoryFinding } from '../../../model/image.js';
import type { HistoryCheck } from '../history-check.js';
import { isPlaceholder, isSensitiveName, masked } from '../sensitive.js';

const PATTERNS: readonly { what: string; regex: RegExp }[] = [
  { what: 'credentials in a URL', regex: /[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:([^\s@/]+)@/gi },
  { what: 'a password option', regex: /(?:--password|--passwd|-password)[= ]+("[^"]+"|'[^']+'|[^\s;&|]+)/gi },
  { what: 'curl/wget credentials', regex: /(?:\s-u\s+|--user[= ])[^\s:]+:([^\s;&|]+)/gi },
  { what: 'sshpass password', regex: /sshpass\s+-p\s*("[^"]+"|'[^']+'|\S+)/gi },
];

export const secretInCommand: HistoryCheck = {
  id: 'secret-in-command',
  version: 1,
  run(input) {
    const findings: HistoryFinding[] = [];
    for (const step of input.steps) {
      if (!/^RUN\s/i.test(step.command)) continue;
      const command = step.command;
      const add = (what: string, start: number, secret: string) => {
        const clean = secret.replace(/^["']|["']$/g, '');
        if (isPlaceholder(clean)) return;
        findings.push({
          check: 'secret-in-command',
          severity: 'high',
          step: step.index,
          message: `step ${step.index} has ${what} in its command, kept in the image history`,
          ...masked('secret-in-command', command.slice(Math.max(0, start - 60), start), clean, command.slice(start + secret.length, start + secret.length + 40)),
        });
      };
      for (const { what, regex } of PATTERNS) {
        for (const match of command.matchAll(regex)) {
          const secret = match[1] as string;
          add(what, (match.index ?? 0) + match[0].lastIndexOf(secret), secret);
        }
      }
      for (const match of command.matchAll(/(?:^|[\s;&|])(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|[^\s;&|]+)/g)) {
        if (!isSensitiveName(match[1] as string)) continue;
        const value = match[2] as string;
        add(`the variable ${match[1]} set inline`, (match.index ?? 0) + match[0].lastIndexOf(value), value);
      }
      if (findings.some((finding) => finding.step === step.index)) continue;
      const hit = input.findSecrets?.(command)[0];
      if (hit) {
        findings.push({ check: 'secret-in-command', severity: 'high', step: step.index, message: `step ${step.index} command matches secret rule ${hit.ruleId}`, evidence: hit.evidence, fingerprint: hit.fingerprint });
      }
    }
    return findings;
  },
};
