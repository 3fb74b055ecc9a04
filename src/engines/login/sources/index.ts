// Registry of text log source formats (STYLE.md habit 2). One line per parser; duplicates throw.
// The binary wtmp/btmp/lastlog records have their own reader (utmp.ts): they are not lines.
import type { LineParser } from '../record.js';
import { auditParser } from './audit.js';
import { journalJsonParser } from './journal-json.js';
import { syslogParser } from './syslog.js';

const members: readonly LineParser[] = [journalJsonParser, auditParser, syslogParser];

export const lineParsers: ReadonlyMap<string, LineParser> = (() => {
  const map = new Map<string, LineParser>();
  for (const parser of members) {
    if (map.has(parser.name)) throw new Error(`duplicate log parser ${parser.name}`);
    map.set(parser.name, parser);
  }
  return map;
})();

/** The parser for a file, chosen from its first non-empty, non-comment lines (syslog last). */
export function pickParser(sample: readonly string[]): LineParser {
  const lines = sample.filter((line) => line.length > 0 && !line.startsWith('#')).slice(0, 20);
  for (const parser of members) {
    if (lines.length > 0 && lines.filter((line) => parser.sniff(line)).length * 2 >= lines.length) return parser;
  }
  return syslogParser;
}
