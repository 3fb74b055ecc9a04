import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { translateGoRegex } from './go-regex.js';

const corpus = new URL('../../../../shared/corpora/secrets/', import.meta.url);

function regex(pattern: string): RegExp {
  const result = translateGoRegex(pattern);
  if (!result.ok) throw new Error(result.reason);
  return result.regex;
}

describe('translateGoRegex', () => {
  it('turns a leading (?i) into the i flag', () => {
    const r = regex('(?i)secret_[a-z]+');
    expect(r.flags).toContain('i');
    expect(r.test('SECRET_ABC')).toBe(true);
  });

  it('scopes inline flags the way RE2 does', () => {
    const r = regex('\\b(p8e-(?i)[a-z0-9]{4})$');
    expect(r.test('p8e-AbC1')).toBe(true);
    expect(r.test('P8E-abc1')).toBe(false);
    const off = regex('(?i)key(?-i:ABC)x');
    expect(off.test('KEYABCX')).toBe(true);
    expect(off.test('keyabcx')).toBe(false);
  });

  it('translates RE2-only syntax', () => {
    expect(regex('(?P<tok>ab)\\z').exec('xab')?.groups?.tok).toBe('ab');
    expect(regex('ab\\z').test('ab\n')).toBe(false);
    expect(regex('[[:alnum:]]{3}').test('a1Z')).toBe(true);
    expect(regex('\\Q.*\\E').test('.*')).toBe(true);
    expect(regex('\\Q.*\\E').test('ab')).toBe(false);
    expect(regex('\\x{41}').test('A')).toBe(true);
    expect(regex('^\\{\\d{0,2}}$').test('{12}')).toBe(true);
    expect(regex('(?s:.)').test('\n')).toBe(true);
    expect(regex('.').test('\n')).toBe(false);
    expect(regex('[\\S]').test(' ')).toBe(false);
  });

  it('refuses what it cannot translate, with the reason', () => {
    const result = translateGoRegex('\\p{Greek}+');
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('Unicode') });
    expect(translateGoRegex('(ab')).toMatchObject({ ok: false, reason: expect.stringContaining(')') });
    expect(translateGoRegex('a{1001}')).toMatchObject({ ok: false, reason: expect.stringContaining('1000') });
  });

  it('translates every regex of gitleaks default configuration', () => {
    const doc = parse(readFileSync(new URL('gitleaks.toml', corpus), 'utf8')) as {
      rules: { regex?: string; path?: string; allowlists?: { regexes?: string[]; paths?: string[] }[] }[];
    };
    const patterns = doc.rules.flatMap((r) => [
      ...(r.regex ? [r.regex] : []),
      ...(r.path ? [r.path] : []),
      ...(r.allowlists ?? []).flatMap((a) => [...(a.regexes ?? []), ...(a.paths ?? [])]),
    ]);
    expect(patterns.length).toBeGreaterThan(250);
    const failures = patterns.map((p) => [p, translateGoRegex(p)] as const).filter(([, r]) => !r.ok);
    expect(failures).toEqual([]);
  });
});
