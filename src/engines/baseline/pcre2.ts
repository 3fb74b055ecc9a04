// PCRE2-style patterns (Wazuh 5 policies, or `regex_type: pcre2`) translated to a JavaScript
// RegExp. Most of the syntax is shared; this rewrites what differs: `\h`/`\H` (horizontal space),
// `\A`/`\z`/`\Z`, `\Q…\E` quoting, POSIX classes (`[[:digit:]]`), a `]` first in a class,
// possessive quantifiers and atomic groups (kept as their greedy forms), `(?P<name>…)`, comments
// `(?#…)`, and a leading `(?i)`. What JavaScript cannot express (`\K`, `\G`, inline flags in the
// middle, recursion) is an error naming the construct, never a silently different pattern.
// Matching is case sensitive, as PCRE2 without PCRE2_CASELESS.
import type { CompiledRegex } from './regex.js';

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  word: 'A-Za-z0-9_',
  cntrl: '\\x00-\\x1f\\x7f',
  print: '\\x20-\\x7e',
  graph: '\\x21-\\x7e',
};

const UNSUPPORTED_ESCAPES: Readonly<Record<string, string>> = {
  K: '\\K (match reset)',
  G: '\\G (first match position)',
  X: '\\X (extended grapheme)',
  C: '\\C (single code unit)',
  p: '\\p{…} (Unicode property)',
  P: '\\P{…} (Unicode property)',
  R: '\\R (any newline)',
};

function escapeLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

interface Cursor {
  readonly pattern: string;
  i: number;
}

/** `{n}`, `{n,}`, `{n,m}` at the cursor: its length, or 0 when the brace is a literal. */
function braceQuantifierLength(pattern: string, at: number): number {
  const match = /^\{\d+(,\d*)?\}/.exec(pattern.slice(at, at + 24));
  return match ? match[0].length : 0;
}

function translateClass(cursor: Cursor): string | { error: string } {
  const { pattern } = cursor;
  let out = '[';
  cursor.i++; // past '['
  if (pattern[cursor.i] === '^') {
    out += '^';
    cursor.i++;
  }
  // A ']' right after the opening is a literal in PCRE2.
  if (pattern[cursor.i] === ']') {
    out += '\\]';
    cursor.i++;
  }
  while (cursor.i < pattern.length) {
    const char = pattern[cursor.i] as string;
    if (char === ']') {
      cursor.i++;
      return `${out}]`;
    }
    if (char === '[' && pattern[cursor.i + 1] === ':') {
      const end = pattern.indexOf(':]', cursor.i + 2);
      const name = end === -1 ? undefined : pattern.slice(cursor.i + 2, end);
      const range = name === undefined ? undefined : POSIX_CLASSES[name];
      if (range === undefined) return { error: `unknown POSIX class at offset ${cursor.i}` };
      out += range;
      cursor.i = end + 2;
      continue;
    }
    if (char === '\\') {
      const next = pattern[cursor.i + 1];
      if (next === undefined) return { error: 'pattern ends with a lone backslash' };
      if (next === 'h') out += ' \\t';
      else if (next in UNSUPPORTED_ESCAPES || next === 'H') return { error: `\\${next} inside a character class is not supported` };
      else out += `\\${next}`;
      cursor.i += 2;
      continue;
    }
    if (char === '[') out += '\\[';
    else out += char;
    cursor.i++;
  }
  return { error: "unterminated character class: '[' without ']'" };
}

function translateGroupOpening(cursor: Cursor): string | { error: string } | null {
  const { pattern } = cursor;
  const rest = pattern.slice(cursor.i, cursor.i + 4);
  if (rest.startsWith('(?#')) {
    const end = pattern.indexOf(')', cursor.i);
    if (end === -1) return { error: 'unterminated (?# comment' };
    cursor.i = end + 1;
    return null;
  }
  if (rest.startsWith('(?>')) {
    cursor.i += 3;
    return '(?:';
  }
  if (rest.startsWith('(?P<')) {
    cursor.i += 4;
    return '(?<';
  }
  if (rest.startsWith('(?P=')) {
    const end = pattern.indexOf(')', cursor.i);
    if (end === -1) return { error: 'unterminated (?P= backreference' };
    const name = pattern.slice(cursor.i + 4, end);
    cursor.i = end + 1;
    return `\\k<${name}>`;
  }
  const ok = ['(?:', '(?=', '(?!', '(?<=', '(?<!', '(?<'];
  for (const prefix of ok) {
    if (pattern.startsWith(prefix, cursor.i)) {
      cursor.i += prefix.length;
      return prefix;
    }
  }
  if (rest.startsWith('(?')) return { error: `group syntax ${pattern.slice(cursor.i, cursor.i + 5)}… at offset ${cursor.i} is not supported` };
  cursor.i += 1;
  return '(';
}

export function compilePcre2(pattern: string): CompiledRegex {
  let flags = '';
  let body = pattern;
  const leading = /^\(\?([imsx]+)\)/.exec(body);
  if (leading) {
    const wanted = leading[1] as string;
    if (wanted.includes('x')) return { error: 'extended mode (?x) is not supported' };
    flags = [...new Set(wanted)].join('');
    body = body.slice(leading[0].length);
  }
  const cursor: Cursor = { pattern: body, i: 0 };
  let out = '';
  while (cursor.i < body.length) {
    const char = body[cursor.i] as string;
    if (char === '\\') {
      const next = body[cursor.i + 1];
      if (next === undefined) return { error: 'pattern ends with a lone backslash' };
      if (next === 'Q') {
        const end = body.indexOf('\\E', cursor.i + 2);
        const literal = end === -1 ? body.slice(cursor.i + 2) : body.slice(cursor.i + 2, end);
        out += escapeLiteral(literal);
        cursor.i = end === -1 ? body.length : end + 2;
        continue;
      }
      if (next === 'E') {
        cursor.i += 2;
        continue;
      }
      const unsupported = UNSUPPORTED_ESCAPES[next];
      if (unsupported) return { error: `${unsupported} at offset ${cursor.i} has no JavaScript equivalent` };
      if (next === 'h') out += '[ \\t]';
      else if (next === 'H') out += '[^ \\t]';
      else if (next === 'A') out += '^';
      else if (next === 'z' || next === 'Z') out += '$';
      else if (next === 'e') out += '\\x1b';
      else if (next === 'x' && body[cursor.i + 2] === '{') {
        const end = body.indexOf('}', cursor.i);
        const code = end === -1 ? Number.NaN : Number.parseInt(body.slice(cursor.i + 3, end), 16);
        if (!Number.isInteger(code) || code > 0xffff) return { error: `bad \\x{…} escape at offset ${cursor.i}` };
        out += `\\u${code.toString(16).padStart(4, '0')}`;
        cursor.i = end + 1;
        continue;
      } else out += `\\${next}`;
      cursor.i += 2;
      out += quantifierAfter(cursor);
      continue;
    }
    if (char === '[') {
      const translated = translateClass(cursor);
      if (typeof translated !== 'string') return translated;
      out += translated;
      out += quantifierAfter(cursor);
      continue;
    }
    if (char === '(') {
      const opening = translateGroupOpening(cursor);
      if (opening === null) continue;
      if (typeof opening !== 'string') return opening;
      out += opening;
      continue;
    }
    if (char === '*' || char === '+' || char === '?') {
      // A quantifier with nothing to repeat: PCRE2 rejects it too; let RegExp say so below.
      out += char;
      cursor.i++;
      continue;
    }
    out += char;
    cursor.i++;
    out += quantifierAfter(cursor);
  }
  try {
    return { regex: new RegExp(out, flags), source: out };
  } catch (error) {
    return { error: `cannot compile: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Copies a quantifier after an atom; drops the `+` of a possessive one (`a++` → `a+`). */
function quantifierAfter(cursor: Cursor): string {
  const { pattern } = cursor;
  let quantifier: string;
  const char = pattern[cursor.i];
  if (char === '*' || char === '+' || char === '?') {
    quantifier = char;
    cursor.i++;
  } else if (char === '{') {
    const length = braceQuantifierLength(pattern, cursor.i);
    if (length === 0) return '';
    quantifier = pattern.slice(cursor.i, cursor.i + length);
    cursor.i += length;
  } else {
    return '';
  }
  const after = pattern[cursor.i];
  if (after === '+') cursor.i++;
  else if (after === '?') {
    quantifier += '?';
    cursor.i++;
  }
  return quantifier;
}
