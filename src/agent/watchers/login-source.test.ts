// Which source `auto` picks: the files when one exists, the journal when only journald is there.
import { describe, expect, it } from 'vitest';
import { chooseLoginSource, type SourceProbe } from './login-source.js';

const probe = (files: string[], journald: boolean): SourceProbe => ({ isFile: (path) => files.includes(path), journaldRuns: () => journald });
const logs = ['/var/log/auth.log', '/var/log/secure'];

describe('login source', () => {
  it('prefers the auth log files, so an attempt logged to both is reported once', () => {
    expect(chooseLoginSource('auto', logs, probe(['/var/log/secure'], true))).toBe('files');
  });
  it('takes the journal when journald runs and no auth log file exists', () => {
    expect(chooseLoginSource('auto', logs, probe([], true))).toBe('journald');
  });
  it('waits for the files when neither is there, and obeys an explicit choice', () => {
    expect(chooseLoginSource('auto', logs, probe([], false))).toBe('files');
    expect(chooseLoginSource('journald', logs, probe(['/var/log/auth.log'], false))).toBe('journald');
    expect(chooseLoginSource('files', logs, probe([], true))).toBe('files');
  });
});
