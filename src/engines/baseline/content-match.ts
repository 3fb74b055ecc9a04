// Matches a content pattern (`r:…`, `n:… compare …`, literal lines, `!`, `&&`) against text, line
// by line, with the semantics of Wazuh 5's sca_utils.cpp PatternMatches:
// - a pattern holds when one line satisfies every minterm (a `!` minterm by *not* matching);
// - a pattern made of a single `!` minterm holds when *no* line matches it ("no line sets X").
// The one departure: empty content satisfies a lone `!` minterm (no line matches), where Wazuh
// answers "not found" for any empty content.
import type { CompareOp, ContentPattern, Minterm } from './rule-parser.js';

/** Lines longer than this are cut before matching: bounds regex work on minified or binary junk. */
export const MAX_LINE_LENGTH = 8192;

export type ContentMatch =
  | { readonly matched: true; readonly line?: number; readonly text?: string }
  | { readonly matched: false; readonly line?: number; readonly text?: string }
  | { readonly invalid: string };

export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => {
    const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line;
    return trimmed.length > MAX_LINE_LENGTH ? trimmed.slice(0, MAX_LINE_LENGTH) : trimmed;
  });
}

function compare(actual: number, op: CompareOp, expected: number): boolean {
  switch (op) {
    case '<':
      return actual < expected;
    case '<=':
      return actual <= expected;
    case '==':
      return actual === expected;
    case '!=':
      return actual !== expected;
    case '>=':
      return actual >= expected;
    case '>':
      return actual > expected;
  }
}

/** Does the minterm's test hold on the line (before its `!`)? A string is an evaluation error. */
function testMinterm(minterm: Minterm, line: string): boolean | string {
  switch (minterm.kind) {
    case 'regex':
      return minterm.regex.test(line);
    case 'literal':
      return minterm.caseInsensitive ? line.toLowerCase() === minterm.text.toLowerCase() : line === minterm.text;
    case 'numeric': {
      const match = minterm.regex.exec(line);
      if (!match) return false;
      // The number is the first capture group (the whole match when the regex has none).
      const captured = match.slice(1).find((group) => group !== undefined) ?? match[0];
      if (!/^\s*[-+]?\d+/.test(captured)) return `'${minterm.text}' captured '${captured}', which is not a number`;
      return compare(Number.parseInt(captured, 10), minterm.op, minterm.value);
    }
  }
}

const SHOWN = 200;
function shown(line: string): string {
  return line.length > SHOWN ? `${line.slice(0, SHOWN)}…` : line;
}

export function matchContent(lines: readonly string[], pattern: ContentPattern & { metadata: false }): ContentMatch {
  const [only] = pattern.minterms;
  if (pattern.minterms.length === 1 && only?.negated) {
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index] as string;
      const hit = testMinterm(only, line);
      if (typeof hit === 'string') return { invalid: hit };
      // The line that breaks "no line matches" is the evidence of the miss.
      if (hit) return { matched: false, line: index + 1, text: shown(line) };
    }
    return { matched: true };
  }
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    let all = true;
    for (const minterm of pattern.minterms) {
      const hit = testMinterm(minterm, line);
      if (typeof hit === 'string') return { invalid: hit };
      if (hit === minterm.negated) {
        all = false;
        break;
      }
    }
    if (all) return { matched: true, line: index + 1, text: shown(line) };
  }
  return { matched: false };
}
