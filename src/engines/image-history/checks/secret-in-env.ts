// Secrets in ENV and ARG values stay in the image config and history for anyone who pulls it.
// Names that say "password/token/key" with a real value are findings; with the secret rules,
// any value they match is one too.
import type { HistoryFinding } from '../../../model/image.js';
import type { HistoryCheck } from '../history-check.js';
import { isPlaceholder, isSensitiveName, masked } from '../sensitive.js';

function assignments(text: string): { name: string; value: string }[] {
  const found: { name: string; value: string }[] = [];
  for (const match of text.matchAll(/(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S*)/g)) {
    found.push({ name: match[1] as string, value: (match[2] as string).replace(/^["']|["']$/g, '') });
  }
  return found;
}

export const secretInEnv: HistoryCheck = {
  id: 'secret-in-env',
  version: 1,
  run(input) {
    const findings: HistoryFinding[] = [];
    const seen = new Set<string>();
    const report = (kind: 'ENV' | 'ARG', name: string, value: string, step?: number) => {
      const hits = input.findSecrets?.(`${name}=${value}`) ?? [];
      if (!(isSensitiveName(name) && !isPlaceholder(value)) && hits.length === 0) return;
      const shown = masked('secret-in-env', `${name}=`, value);
      const key = `${kind}\0${shown.fingerprint}\0${step ?? ''}`;
      if (seen.has(key)) return;
      seen.add(key);
      findings.push({
        check: 'secret-in-env',
        severity: 'high',
        ...(step !== undefined ? { step } : {}),
        message: `${kind} ${name} holds a secret${hits[0] ? ` (${hits[0].ruleId})` : ''}: it is readable by anyone who pulls the image`,
        ...shown,
      });
    };
    for (const entry of input.env) {
      const equals = entry.indexOf('=');
      if (equals > 0) report('ENV', entry.slice(0, equals), entry.slice(equals + 1));
    }
    for (const step of input.steps) {
      const arg = /^ARG\s+(.*)$/i.exec(step.command);
      const buildArgs = /^RUN \|\d+ (.*)$/.exec(step.command);
      const text = arg?.[1] ?? buildArgs?.[1];
      if (text === undefined) continue;
      for (const { name, value } of assignments(text)) report('ARG', name, value, step.index);
    }
    return findings;
  },
};
