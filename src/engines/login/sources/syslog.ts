// Syslog auth logs: /var/log/auth.log (Debian), /var/log/secure (RHEL), in classic BSD, RFC 3339
// (rsyslog high precision), RFC 5424 and journalctl's short format with or without a timestamp.
import type { LineParser, LogRecord } from '../record.js';
import { parseTimePrefix } from '../syslog-time.js';

// "sshd[123]:", "sshd:", "sshd-session[9]:", "pop(pam_unix)[4920]:", "[sshd]:", "[sshd]"
const programToken = /^(?:\[([\w./-]+)\]:?|([\w./-]+)(?:\([\w]+\))?(?:\[(\d+)\])?:)$/;
// RFC 5424: "<38>1 TIMESTAMP HOST APP PROCID MSGID [SD…]|- MSG"
const rfc5424 = /^<\d{1,3}>1 (\S+) (\S+) (\S+) (\S+) (\S+) (-|(?:\[(?:[^\]"]|"(?:[^"\\]|\\.)*")*\])+) ?(.*)$/;
const priority = /^<\d{1,3}>/;

interface Program {
  readonly program: string;
  readonly pid: number | null;
}

/** A `[\w./-]` character (what a program name is made of). */
function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 47 || c === 45;
}

/**
 * `text.slice(from, to)` read as a program token: the regex's answer, with the usual shapes
 * ("sshd[123]:", "sshd:") read by hand first. The regex only matches tokens ending in ":" or "]",
 * so a host name is turned away without running it.
 */
function programIn(text: string, from: number, to: number): Program | null {
  const last = text.charCodeAt(to - 1);
  if (last !== 58 /* : */ && last !== 93 /* ] */) return null;
  let at = from;
  while (at < to && isNameChar(text.charCodeAt(at))) at++;
  if (at > from) {
    if (at === to - 1 && last === 58) return { program: text.slice(from, at), pid: null }; // "name:"
    // "name[digits]:" with at most 9 digits (exact as a number, like the regex's Number()).
    if (text.charCodeAt(at) === 91 /* [ */ && last === 58 && text.charCodeAt(to - 2) === 93 && to - 3 - at >= 1 && to - 3 - at <= 9) {
      let pid = 0;
      let digits = at + 1;
      for (; digits < to - 2; digits++) {
        const d = text.charCodeAt(digits) - 48;
        if (d < 0 || d > 9) break;
        pid = pid * 10 + d;
      }
      if (digits === to - 2) return { program: text.slice(from, at), pid };
    }
  }
  const m = programToken.exec(text.slice(from, to));
  return m ? { program: m[1] ?? m[2] ?? '', pid: m[3] === undefined ? null : Number(m[3]) } : null;
}

/** The record after the time: "[HOST ]PROGRAM[[PID]]: MESSAGE" from `start` in `text`. */
function parseHeaderless(text: string, start: number, time: Date | null, lineNo: number): LogRecord | null {
  const firstSpace = text.indexOf(' ', start);
  if (firstSpace <= start) return null;
  const headless = programIn(text, start, firstSpace);
  if (headless) return { time, host: null, program: headless.program, pid: headless.pid, message: text.slice(firstSpace + 1), line: lineNo };
  const secondSpace = text.indexOf(' ', firstSpace + 1);
  if (secondSpace < 0) return null;
  const named = programIn(text, firstSpace + 1, secondSpace);
  if (!named) return null;
  return { time, host: text.slice(start, firstSpace), program: named.program, pid: named.pid, message: text.slice(secondSpace + 1), line: lineNo };
}

export const syslogParser: LineParser = {
  name: 'syslog',
  version: 1,
  sniff(line) {
    return !line.startsWith('{') && !line.startsWith('type=') && line.length > 0;
  },
  parse(line, lineNo, context) {
    if (line.length === 0 || line.startsWith('#')) return null;
    let text = line;
    if (text.charCodeAt(0) === 60 /* < */) {
      const structured = rfc5424.exec(text);
      if (structured) {
        const [, stamp = '', host = '-', app = '-', procid = '-', , , message = ''] = structured;
        const { time } = parseTimePrefix(`${stamp} `, context.now, context.utcOffsetMinutes);
        return {
          time, host: host === '-' ? null : host, program: app, pid: /^\d+$/.test(procid) ? Number(procid) : null,
          message, line: lineNo,
        };
      }
      text = text.replace(priority, '');
    }
    const { time, rest } = parseTimePrefix(text, context.now, context.utcOffsetMinutes);
    return parseHeaderless(text, rest, time, lineNo);
  },
};
