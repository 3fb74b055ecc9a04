import { describe, expect, it } from 'vitest';
import { compileOsMatch } from './os-match.js';
import { compileRegex, type RegexDialect } from './regex.js';

function matches(pattern: string, dialect: RegexDialect, text: string): boolean {
  const compiled = compileRegex(pattern, dialect);
  if ('error' in compiled) throw new Error(compiled.error);
  return compiled.regex.test(text);
}

describe('OS_Regex', () => {
  it('treats . as a literal and \\. as any character', () => {
    expect(matches('12.', 'osregex', '12.11')).toBe(true);
    expect(matches('12.', 'osregex', '12x11')).toBe(false);
    expect(matches('12\\.', 'osregex', '12x')).toBe(true);
  });

  it('has \\s for a space only, \\t for tabs and \\w with @ _ -', () => {
    expect(matches('^a\\sb', 'osregex', 'a b')).toBe(true);
    expect(matches('^a\\sb', 'osregex', 'a\tb')).toBe(false);
    expect(matches('^a\\s*\\t*b', 'osregex', 'a \t\tb')).toBe(true);
    expect(matches('^\\w+$', 'osregex', 'user@host_x-y')).toBe(true);
    expect(matches('^\\p+$', 'osregex', '(),;')).toBe(true);
  });

  it('quantifies only backslash classes, ignores case and splits on top-level |', () => {
    expect(matches('a+', 'osregex', 'a+')).toBe(true);
    expect(matches('a+', 'osregex', 'aa')).toBe(false);
    expect(matches('^permitrootlogin', 'osregex', 'PermitRootLogin no')).toBe(true);
    expect(matches('^yes$|^no$', 'osregex', 'no')).toBe(true);
    expect(matches('cost\\$', 'osregex', 'cost$')).toBe(true);
  });

  it('rejects what OSRegex_Compile rejects', () => {
    expect(compileRegex('(a|b)', 'osregex')).toMatchObject({ error: expect.stringMatching(/inside parentheses/) });
    expect(compileRegex('((a))', 'osregex')).toMatchObject({ error: expect.stringMatching(/nested/) });
    expect(compileRegex('a\\q', 'osregex')).toMatchObject({ error: expect.stringMatching(/unknown escape/) });
    expect(compileRegex('(a', 'osregex')).toMatchObject({ error: expect.stringMatching(/unbalanced/) });
  });
});

describe('PCRE2', () => {
  it('translates what JavaScript spells differently', () => {
    expect(matches('^a\\h+b$', 'pcre2', 'a \tb')).toBe(true);
    expect(matches('^\\H+$', 'pcre2', 'a b')).toBe(false);
    expect(matches('^[[:digit:]]+$', 'pcre2', '0755')).toBe(true);
    expect(matches('\\Qa.b\\E', 'pcre2', 'axb')).toBe(false);
    expect(matches('\\Qa.b\\E', 'pcre2', 'a.b')).toBe(true);
    expect(matches('^x++y', 'pcre2', 'xxy')).toBe(true);
    expect(matches('(?i)^permit', 'pcre2', 'PERMIT')).toBe(true);
    expect(matches('^permit', 'pcre2', 'PERMIT')).toBe(false);
    expect(matches('[]a]+', 'pcre2', ']a')).toBe(true);
    expect(matches('(?P<n>x)(?P=n)', 'pcre2', 'xx')).toBe(true);
  });

  it('rejects broken patterns and constructs JavaScript lacks', () => {
    expect(compileRegex('Access:\\s*("', 'pcre2')).toMatchObject({ error: expect.stringMatching(/Unterminated group/) });
    expect(compileRegex('a\\Kb', 'pcre2')).toMatchObject({ error: expect.stringMatching(/\\K/) });
    expect(compileRegex('[[:nope:]]', 'pcre2')).toMatchObject({ error: expect.stringMatching(/POSIX class/) });
  });
});

describe('OS_Match (file name tests)', () => {
  it('is a case-insensitive substring test with ^ $ | and !', () => {
    expect(compileOsMatch('.sh')('Proxy.SH')).toBe(true);
    expect(compileOsMatch('^99')('99-x.conf')).toBe(true);
    expect(compileOsMatch('.conf$|.rules$')('a.rules')).toBe(true);
    expect(compileOsMatch('!.bak')('a.bak')).toBe(false);
  });
});
