// Wazuh's OS_Regex dialect (src/os_regex in wazuh/wazuh), translated to a JavaScript RegExp.
// It is not a subset of JavaScript's syntax: `.` is a literal dot and `\.` means "any character",
// `+` and `*` only quantify a backslash class (after anything else they are literal characters),
// `\s` is a space only (tabs are `\t`), `\w` also takes `@`, `_` and `-`, there are no brackets
// or braces, `|` splits the whole pattern and may not appear inside parentheses, `^`/`$` anchor
// only at the ends of an alternative, parentheses capture and never nest, and matching ignores
// ASCII case. Any other escape is an error, as in OSRegex_Compile.
//
// The C matcher is greedy without full backtracking; the translation keeps the pattern's intent
// and lets the JavaScript engine backtrack, so it can find a match the C code would miss.
import type { CompiledRegex } from './regex.js';

/** OS_PATTERN_MAXSIZE in os_regex.h. */
const MAX_PATTERN_LENGTH = 2048;

const WORD = 'A-Za-z0-9@_\\-';
/** `\p`: the punctuation map of os_regex_maps.c. */
const PUNCT = '!"#$%&\'()*+,\\-.:;<=>?\\[\\]{|}';

const CLASSES: Readonly<Record<string, string>> = {
  d: '[0-9]',
  D: '[^0-9]',
  w: `[${WORD}]`,
  W: `[^${WORD}]`,
  s: ' ',
  S: '[^ ]',
  p: `[${PUNCT}]`,
  '.': '[\\s\\S]',
  t: '\\t',
};
/** Escapes that stand for the character itself. */
const LITERAL_ESCAPES = new Set(['(', ')', '\\', '$', '|', '<']);

function escapeLiteral(char: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(char) ? `\\${char}` : char;
}

/** Splits on unescaped `|`; rejects one inside parentheses (OS_REGEX_BADPARENTHESIS). */
function alternatives(pattern: string): string[] | string {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') {
      i++;
      continue;
    }
    if (char === '(') {
      depth++;
      if (depth > 1) return `nested parentheses at offset ${i} (OS_Regex allows one level)`;
    } else if (char === ')') {
      depth--;
      if (depth < 0) return `unbalanced ')' at offset ${i}`;
    } else if (char === '|') {
      if (depth !== 0) return `'|' inside parentheses at offset ${i} (OS_Regex alternatives split the whole pattern)`;
      parts.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0) return "unbalanced '(': a parenthesis is never closed";
  parts.push(pattern.slice(start));
  return parts;
}

function translateAlternative(alternative: string): string | { error: string } {
  let body = alternative;
  let begin = false;
  let end = false;
  if (body.startsWith('^')) {
    begin = true;
    body = body.slice(1);
  }
  // A final `$` anchors unless it is the escaped `\$` (count the backslashes before it).
  if (body.endsWith('$')) {
    let slashes = 0;
    for (let i = body.length - 2; i >= 0 && body[i] === '\\'; i--) slashes++;
    if (slashes % 2 === 0) {
      end = true;
      body = body.slice(0, -1);
    }
  }
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const char = body[i] as string;
    if (char === '\\') {
      const next = body[i + 1];
      if (next === undefined) return { error: 'pattern ends with a lone backslash' };
      i++;
      const cls = CLASSES[next];
      if (cls !== undefined) {
        out += cls;
        const quantifier = body[i + 1];
        if (quantifier === '+' || quantifier === '*') {
          out += quantifier;
          i++;
        }
      } else if (LITERAL_ESCAPES.has(next)) {
        out += escapeLiteral(next);
      } else {
        return { error: `unknown escape \\${next} (OS_Regex knows \\d \\w \\s \\p \\t \\. \\D \\W \\S and \\( \\) \\\\ \\$ \\| \\<)` };
      }
    } else if (char === '(' || char === ')') {
      out += char;
    } else {
      out += escapeLiteral(char);
    }
  }
  return `${begin ? '^' : ''}${out}${end ? '$' : ''}`;
}

export function compileOsRegex(pattern: string): CompiledRegex {
  if (pattern.length > MAX_PATTERN_LENGTH) return { error: `pattern longer than ${MAX_PATTERN_LENGTH} characters` };
  const parts = alternatives(pattern);
  if (typeof parts === 'string') return { error: parts };
  const translated: string[] = [];
  for (const part of parts) {
    const result = translateAlternative(part);
    if (typeof result !== 'string') return result;
    translated.push(parts.length > 1 ? `(?:${result})` : result);
  }
  const source = translated.join('|');
  try {
    return { regex: new RegExp(source, 'i'), source };
  } catch (error) {
    return { error: `cannot compile: ${error instanceof Error ? error.message : String(error)}` };
  }
}
