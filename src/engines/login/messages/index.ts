// Registry of message classifiers (STYLE.md habit 2): program-specific ones first, then the
// generic ones (programs: null) for any program. One line per classifier; duplicates throw.
import type { LogRecord } from '../record.js';
import { auditClassifier } from './audit.js';
import { dropbearClassifier } from './dropbear.js';
import { pamClassifier } from './pam.js';
import type { MessageClassifier, Signal } from './signal.js';
import { sshdClassifier } from './sshd.js';
import { suClassifier } from './su.js';
import { sudoClassifier } from './sudo.js';

const members: readonly MessageClassifier[] = [sshdClassifier, dropbearClassifier, suClassifier, sudoClassifier, auditClassifier, pamClassifier];

const byProgram = new Map<string, MessageClassifier[]>();
const generic: MessageClassifier[] = [];
{
  const names = new Set<string>();
  for (const classifier of members) {
    if (names.has(classifier.name)) throw new Error(`duplicate message classifier ${classifier.name}`);
    names.add(classifier.name);
    if (classifier.programs === null) generic.push(classifier);
    else for (const program of classifier.programs) byProgram.set(program, [...(byProgram.get(program) ?? []), classifier]);
  }
}

export const classifierNames: readonly string[] = members.map((c) => c.name);

/** What a record says about logins, or null when it says nothing. */
export function classify(record: LogRecord): Signal | null {
  for (const classifier of byProgram.get(record.program) ?? []) {
    const signal = classifier.classify(record);
    if (signal) return signal;
  }
  for (const classifier of generic) {
    const signal = classifier.classify(record);
    if (signal) return signal;
  }
  return null;
}
