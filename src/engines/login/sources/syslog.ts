// Syslog auth logs: /var/log/auth.log (Debian), /var/log/secure (RHEL), in classic BSD, RFC 3339
// (rsyslog high precision), RFC 5424 and journalctl's short format with or without a timestamp.
import type { LineParser, LogRecord } from '../record.js';
import { parseTimePrefix } from '../syslog-time.js';

// "sshd[123]:", "sshd:", "sshd-session[9]:", "pop(pam_unix)[4920]:", "[sshd]:", "[sshd]"
const programToken = /^(?:\[([\w./-]+)\]:?|([\w./-]+)(?:\([\w]+\))?(?:\[(\d+)\])?:)$/;
// RFC 5424: "<38>1 TIMESTAMP HOST APP PROCID MSGID [SD…]|- MSG"
const rfc5424 = /^<\d{1,3}>1 (\S+) (\S+) (\S+) (\S+) (\S+) (-|(?:\[(?:[^\]"]|"(?:[^"\\]|\\.)*")*\])+) ?(.*)$/;
const priority = /^<\d{1,3}>/;

function parseHeaderless(rest: string, time: Date | null, lineNo: number): LogRecord | null {
  const firstSpace = rest.indexOf(' ');
  if (firstSpace <= 0) return null;
  let m = programToken.exec(rest.slice(0, firstSpace));
  if (m) {
    return { time, host: null, program: m[1] ?? m[2] ?? '', pid: m[3] === undefined ? null : Number(m[3]), message: rest.slice(firstSpace + 1), line: lineNo };
  }
  const secondSpace = rest.indexOf(' ', firstSpace + 1);
  if (secondSpace < 0) return null;
  m = programToken.exec(rest.slice(firstSpace + 1, secondSpace));
  if (!m) return null;
  return {
    time, host: rest.slice(0, firstSpace), program: m[1] ?? m[2] ?? '', pid: m[3] === undefined ? null : Number(m[3]),
    message: rest.slice(secondSpace + 1), line: lineNo,
  };
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
    return parseHeaderless(rest === 0 ? text : text.slice(rest), time, lineNo);
  },
};
