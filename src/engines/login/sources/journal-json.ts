// journald export as `journalctl -o json` prints it: one JSON object per line. MESSAGE may be a
// string or, for non-UTF-8 text, an array of bytes; times are microseconds since the epoch.
import type { LineParser } from '../record.js';

function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((b) => typeof b === 'number')) return Buffer.from(value as number[]).toString('latin1');
  return null;
}

export const journalJsonParser: LineParser = {
  name: 'journal-json',
  version: 1,
  sniff(line) {
    return line.startsWith('{') && line.includes('"MESSAGE"');
  },
  parse(line, lineNo) {
    if (!line.startsWith('{')) return null;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      return null;
    }
    if (typeof entry !== 'object' || entry === null) return null;
    const fields = entry as Record<string, unknown>;
    const message = text(fields.MESSAGE);
    const program = text(fields.SYSLOG_IDENTIFIER) ?? text(fields._COMM);
    if (message === null || program === null) return null;
    const pidText = text(fields.SYSLOG_PID) ?? text(fields._PID);
    const micros = text(fields._SOURCE_REALTIME_TIMESTAMP) ?? text(fields.__REALTIME_TIMESTAMP);
    const time = micros && /^\d+$/.test(micros) ? new Date(Number(BigInt(micros) / 1000n)) : null;
    return {
      time, host: text(fields._HOSTNAME), program, pid: pidText && /^\d+$/.test(pidText) ? Number(pidText) : null,
      message, line: lineNo,
    };
  },
};
