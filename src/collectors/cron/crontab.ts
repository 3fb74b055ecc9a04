// crontab(5) lines: "@daily cmd" or five time fields then the command; system crontabs
// (/etc/crontab, /etc/cron.d/*) put the user between schedule and command. Variable assignments
// and comments are skipped; anything else that is not a job is reported by line number.
export interface CrontabJob {
  readonly schedule: string;
  readonly user: string | null;
  readonly command: string;
  readonly line: number;
}

export interface ParsedCrontab {
  readonly jobs: CrontabJob[];
  readonly badLines: number[];
}

const NICKNAMES = new Set(['@reboot', '@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
const TIME_FIELD = /^[\d*,/\-A-Za-z?LW#]+$/;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\s*=/;

export function parseCrontab(text: string, withUser: boolean): ParsedCrontab {
  const jobs: CrontabJob[] = [];
  const badLines: number[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || ASSIGNMENT.test(line)) return;
    const words = line.split(/\s+/);
    const scheduleWords = NICKNAMES.has(words[0] ?? '') ? 1 : 5;
    const schedule = words.slice(0, scheduleWords);
    const valid = scheduleWords === 1 || (schedule.length === 5 && schedule.every((field) => TIME_FIELD.test(field)));
    const user = withUser ? words[scheduleWords] : undefined;
    const lead = scheduleWords + (withUser ? 1 : 0);
    if (!valid || words.length <= lead) {
      badLines.push(index + 1);
      return;
    }
    // Keep the command as written (its own spacing), after the schedule and user words.
    let at = 0;
    for (const word of words.slice(0, lead)) at = line.indexOf(word, at) + word.length;
    jobs.push({ schedule: schedule.join(' '), user: user ?? null, command: line.slice(at).trim(), line: index + 1 });
  });
  return { jobs, badLines };
}
