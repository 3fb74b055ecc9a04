// Linux audit records (/var/log/audit/audit.log): USER_AUTH, USER_ERR and USER_LOGIN lines that
// PAM-aware daemons write. The record's fields stay in the message for messages/audit.ts.
import type { LineParser } from '../record.js';

const header = /^type=(\w+) msg=audit\((\d+)(?:\.(\d+))?:\d+\): (.*)$/;

export const auditParser: LineParser = {
  name: 'audit',
  version: 1,
  sniff(line) {
    return line.startsWith('type=');
  },
  parse(line, lineNo) {
    const m = header.exec(line);
    if (!m) return null;
    const [, type = '', seconds = '0', fraction = '', body = ''] = m;
    const pid = /(?:^| )pid=(\d+)/.exec(body);
    return {
      time: new Date(Number(seconds) * 1000 + Number(fraction.slice(0, 3).padEnd(3, '0'))),
      host: null, program: 'audit', pid: pid?.[1] ? Number(pid[1]) : null,
      message: `${type} ${body}`, line: lineNo,
    };
  },
};
