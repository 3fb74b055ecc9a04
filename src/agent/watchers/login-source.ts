// Where the agent reads login activity from: the auth log files, or the systemd journal. `auto`
// takes the files when one exists (rsyslog writes them, and reading both would report every
// attempt twice), the journal when journald runs and there are no files, and otherwise the files
// (followed as soon as they appear).
import { statSync } from 'node:fs';

export const LOGIN_SOURCES = ['auto', 'files', 'journald'] as const;
export type LoginSource = (typeof LOGIN_SOURCES)[number];

/** journald's socket: present wherever journald runs (systemd hosts, most containers do not). */
export const JOURNALD_SOCKET = '/run/systemd/journal/socket';

export interface SourceProbe {
  isFile(path: string): boolean;
  journaldRuns(): boolean;
}

export const hostProbe: SourceProbe = {
  isFile: (path) => statSync(path, { throwIfNoEntry: false })?.isFile() ?? false,
  journaldRuns: () => statSync(JOURNALD_SOCKET, { throwIfNoEntry: false })?.isSocket() ?? false,
};

export function chooseLoginSource(wanted: LoginSource, authLogs: readonly string[], probe: SourceProbe = hostProbe): 'files' | 'journald' {
  if (wanted !== 'auto') return wanted;
  if (authLogs.some((path) => probe.isFile(path))) return 'files';
  return probe.journaldRuns() ? 'journald' : 'files';
}
