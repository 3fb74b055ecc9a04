// Translates a Go RE2 pattern (the dialect of gitleaks rule files) into a JavaScript RegExp.
// Most RE2 syntax is JavaScript syntax; the differences handled here are the ones rule files use:
// - inline flags `(?i)`, `(?-i:…)`, `(?s:.)` anywhere: Node 20's V8 has no RegExp modifiers, so a
//   case-insensitive region is rewritten letter by letter (`a` -> `[aA]`) and `.` under `s` becomes
//   `[\s\S]`; a single leading `(?i)` with no `-i` anywhere becomes the whole-pattern `i` flag;
// - `(?P<name>…)`, `\z`, `\A`, `\Q…\E`, `\x{41}`, `\a`, POSIX classes `[[:alnum:]]`;
// - RE2's `.` excludes only `\n` (JavaScript's also excludes `\r`, U+2028, U+2029);
// - `{` that does not start a valid repetition is a literal in RE2.
// Unicode classes (`\p{L}`) are refused: texts are matched as Latin-1 byte strings, where they
// would silently mean something else.

export type GoRegexResult =
  | { readonly ok: true; readonly regex: RegExp }
  | { readonly ok: false; readonly reason: string };

interface Flags {
  i: boolean;
  s: boolean;
  m: boolean;
}

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\\x07', f: '\\f', t: '\\t', n: '\\n', r: '\\r', v: '\\v',
  d: '\\d', D: '\\D', w: '\\w', W: '\\W', s: '[\\t\\n\\f\\r ]', S: '[^\\t\\n\\f\\r ]',
  b: '\\b', B: '\\B',
};

class TranslateError extends Error {}

function isLetter(ch: string): boolean {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

function otherCase(ch: string): string {
  return ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase();
}

/** Escapes one literal character for use outside a class. */
function literal(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

/** Escapes one literal character for use inside a class. */
function classLiteral(ch: string): string {
  return /[\\\]^[-]/.test(ch) ? `\\${ch}` : ch;
}

function hexChar(code: number): string {
  if (code > 0xffff) throw new TranslateError(`code point U+${code.toString(16)} is outside what Latin-1 matching supports`);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

class Translator {
  private pos = 0;
  constructor(private readonly src: string, private readonly globalI: boolean) {}

  translate(): string {
    const out = this.sequence({ i: false, s: false, m: false }, false);
    if (this.pos < this.src.length) throw new TranslateError(`unexpected ')' at offset ${this.pos}`);
    return out;
  }

  private peek(offset = 0): string | undefined {
    return this.src[this.pos + offset];
  }

  /** Translates until the end of the pattern or the `)` closing the current group. */
  private sequence(initial: Flags, inGroup: boolean): string {
    const flags: Flags = { ...initial };
    let out = '';
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos] as string;
      if (ch === ')') {
        if (!inGroup) throw new TranslateError(`unbalanced ')' at offset ${this.pos}`);
        return out;
      }
      if (ch === '(') out += this.group(flags);
      else if (ch === '[') out += this.charClass(flags);
      else if (ch === '\\') out += this.escape(flags);
      else if (ch === '.') {
        this.pos++;
        out += flags.s ? '[\\s\\S]' : '[^\\n]';
      } else if (ch === '^') {
        this.pos++;
        out += flags.m ? '(?:^|(?<=\\n))' : '^';
      } else if (ch === '$') {
        this.pos++;
        out += flags.m ? '(?:$|(?=\\n))' : '$';
      } else if (ch === '{') out += this.brace();
      else if ('*+?|'.includes(ch)) {
        this.pos++;
        out += ch;
      } else {
        this.pos++;
        out += this.letter(ch, flags);
      }
    }
    if (inGroup) throw new TranslateError('missing closing )');
    return out;
  }

  private letter(ch: string, flags: Flags): string {
    if (flags.i && !this.globalI && isLetter(ch)) return `[${ch}${otherCase(ch)}]`;
    return literal(ch);
  }

  private brace(): string {
    const rest = this.src.slice(this.pos);
    const m = /^\{(\d+)(,(\d*))?\}/.exec(rest);
    if (m) {
      const min = Number(m[1]);
      const max = m[3] === undefined || m[3] === '' ? min : Number(m[3]);
      if (min > 1000 || max > 1000) throw new TranslateError(`repetition count over 1000 in ${m[0]}`);
      this.pos += m[0].length;
      return m[0];
    }
    this.pos++;
    return '\\{';
  }

  private group(outer: Flags): string {
    this.pos++; // '('
    if (this.peek() !== '?') {
      const body = this.sequence(outer, true);
      this.pos++;
      return `(${body})`;
    }
    const rest = this.src.slice(this.pos);
    const named = /^\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
    if (named) {
      this.pos += named[0].length;
      const body = this.sequence(outer, true);
      this.pos++;
      return `(?<${named[1]}>${body})`;
    }
    const flagged = /^\?([imsU]*)(?:-([imsU]*))?([:)])/.exec(rest);
    if (!flagged) throw new TranslateError(`unsupported group syntax (${rest.slice(0, 6)}… at offset ${this.pos - 1}`);
    const [whole, on = '', off = '', end] = flagged;
    if (on.includes('U') || off.includes('U')) throw new TranslateError('the ungreedy flag U is not supported');
    this.pos += whole.length;
    const apply = (flags: Flags): void => {
      for (const f of on) flags[f as keyof Flags] = true;
      for (const f of off) flags[f as keyof Flags] = false;
    };
    if (end === ')') {
      // `(?i)` changes the flags of the rest of the enclosing group.
      apply(outer);
      return '';
    }
    const inner = { ...outer };
    apply(inner);
    const body = this.sequence(inner, true);
    this.pos++;
    return `(?:${body})`;
  }

  private escape(flags: Flags, inClass = false): string {
    const next = this.peek(1);
    if (next === undefined) throw new TranslateError('trailing backslash');
    this.pos += 2;
    if (next === 'Q') {
      const end = this.src.indexOf('\\E', this.pos);
      const text = this.src.slice(this.pos, end < 0 ? undefined : end);
      this.pos = end < 0 ? this.src.length : end + 2;
      return [...text].map((c) => (inClass ? classLiteral(c) : this.letter(c, flags))).join('');
    }
    if (next === 'z' && !inClass) return '(?![\\s\\S])';
    if (next === 'A' && !inClass) return '(?<![\\s\\S])';
    if (next === 'p' || next === 'P') throw new TranslateError('Unicode classes (\\p) are not supported');
    if (next === 'C') throw new TranslateError('\\C (any byte) is not supported');
    if (next === 'x') {
      const braced = /^\{([0-9A-Fa-f]{1,6})\}/.exec(this.src.slice(this.pos));
      if (braced) {
        this.pos += braced[0].length;
        return hexChar(parseInt(braced[1] as string, 16));
      }
      const two = /^[0-9A-Fa-f]{2}/.exec(this.src.slice(this.pos));
      if (!two) throw new TranslateError(`bad \\x escape at offset ${this.pos - 2}`);
      this.pos += 2;
      return hexChar(parseInt(two[0], 16));
    }
    if (/[0-7]/.test(next)) {
      const oct = /^[0-7]{0,2}/.exec(this.src.slice(this.pos))?.[0] ?? '';
      this.pos += oct.length;
      const code = parseInt(next + oct, 8);
      if (next === '0' || oct.length > 0) return hexChar(code);
      throw new TranslateError(`backreference \\${next} is not supported by RE2`);
    }
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      if (inClass && (next === 'b' || next === 'B')) throw new TranslateError(`\\${next} inside a class`);
      // RE2's \s is exactly [\t\n\f\r ]; \S is spelled out as its complement.
      if (inClass && (next === 's' || next === 'S')) return next === 's' ? '\\t\\n\\f\\r ' : '\\x00-\\x08\\x0b\\x0e-\\x1f!-\\uffff';
      return simple;
    }
    if (isLetter(next) || /[0-9]/.test(next)) throw new TranslateError(`unknown escape \\${next}`);
    return inClass ? classLiteral(next) : literal(next);
  }

  /** `[...]`: copies items, widening letters and letter ranges for case-insensitive regions. */
  private charClass(flags: Flags): string {
    this.pos++; // '['
    let negate = false;
    if (this.peek() === '^') {
      negate = true;
      this.pos++;
    }
    const parts: string[] = [];
    let first = true;
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) throw new TranslateError('missing closing ]');
      if (ch === ']' && !first) {
        this.pos++;
        break;
      }
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.src.slice(this.pos));
      if (posix) {
        const set = POSIX_CLASSES[posix[2] as string];
        if (set === undefined) throw new TranslateError(`unknown POSIX class [:${posix[2]}:]`);
        if (posix[1]) throw new TranslateError(`negated POSIX class [:^${posix[2]}:] is not supported`);
        this.pos += posix[0].length;
        parts.push(set);
        continue;
      }
      const lo = this.classAtom(flags);
      if (lo.kind === 'set') {
        parts.push(lo.text);
        continue;
      }
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.pos++;
        const hi = this.classAtom(flags);
        if (hi.kind === 'set') throw new TranslateError('class range ends in a class escape');
        parts.push(this.range(lo.code, hi.code, flags));
      } else {
        parts.push(this.range(lo.code, lo.code, flags));
      }
    }
    return `[${negate ? '^' : ''}${parts.join('')}]`;
  }

  private classAtom(flags: Flags): { kind: 'char'; code: number } | { kind: 'set'; text: string } {
    const ch = this.peek() as string;
    if (ch !== '\\') {
      this.pos++;
      return { kind: 'char', code: ch.charCodeAt(0) };
    }
    const next = this.peek(1);
    if (next !== undefined && 'dDwWsS'.includes(next)) {
      return { kind: 'set', text: this.escape(flags, true) };
    }
    const text = this.escape(flags, true);
    // Escapes that produce one character: decode it back to a code point.
    const hex = /^\\[xu]([0-9a-f]+)$/.exec(text);
    if (hex) return { kind: 'char', code: parseInt(hex[1] as string, 16) };
    const named: Readonly<Record<string, number>> = { '\\t': 9, '\\n': 10, '\\v': 11, '\\f': 12, '\\r': 13 };
    const code = named[text];
    if (code !== undefined) return { kind: 'char', code };
    if (text.length === 2 && text[0] === '\\') return { kind: 'char', code: text.charCodeAt(1) };
    if (text.length === 1) return { kind: 'char', code: text.charCodeAt(0) };
    throw new TranslateError(`unsupported escape ${text} inside a class`);
  }

  private range(lo: number, hi: number, flags: Flags): string {
    if (hi < lo) throw new TranslateError(`invalid class range ${String.fromCharCode(lo)}-${String.fromCharCode(hi)}`);
    const one = (code: number): string => (code < 0x20 || code > 0x7e ? hexChar(code) : classLiteral(String.fromCharCode(code)));
    let out = lo === hi ? one(lo) : `${one(lo)}-${one(hi)}`;
    if (flags.i && !this.globalI) {
      // Add the other case of the part of the range that overlaps a-z and A-Z.
      for (const [a, z, shift] of [[97, 122, -32], [65, 90, 32]] as const) {
        const from = Math.max(lo, a);
        const to = Math.min(hi, z);
        if (from <= to) out += from === to ? one(from + shift) : `${one(from + shift)}-${one(to + shift)}`;
      }
    }
    return out;
  }
}

/**
 * Translates an RE2 pattern; returns the reason instead of throwing when it cannot. The RegExp has
 * the `d` flag (match indices, to locate the secret group) and no `g` flag (callers add it).
 */
export function translateGoRegex(pattern: string): GoRegexResult {
  // A leading (?i) that nothing switches off is exactly JavaScript's `i` flag.
  const leadingI = /^\(\?i\)/.test(pattern) && !/\(\?[a-zA-Z]*-[a-zA-Z]*i/.test(pattern);
  const body = leadingI ? pattern.slice(4) : pattern;
  try {
    const source = new Translator(body, leadingI).translate();
    return { ok: true, regex: new RegExp(source, leadingI ? 'di' : 'd') };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, reason };
  }
}
