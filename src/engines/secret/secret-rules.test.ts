import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSecretRules, mergeSecretRuleSets } from './secret-rules.js';

const corpus = new URL('../../../../shared/corpora/secrets/', import.meta.url);
const bundled = new URL('../../../rules/secrets/palisade-secrets.toml', import.meta.url);

describe('loadSecretRules', () => {
  it("loads all 222 rules of gitleaks' default configuration without an error", () => {
    const set = loadSecretRules(readFileSync(new URL('gitleaks.toml', corpus), 'utf8'), 'gitleaks.toml');
    expect(set.issues.filter((i) => i.level === 'error')).toEqual([]);
    expect(set.rules).toHaveLength(222);
    expect(set.allowlists).toHaveLength(1);
    const pkcs12 = set.rules.find((r) => r.id === 'pkcs12-file');
    expect(pkcs12?.regex).toBeUndefined();
    expect(pkcs12?.path?.test('certs/server.p12')).toBe(true);
  });

  it("loads gitleaks' test configurations", () => {
    for (const name of ['simple.toml', 'generic.toml', 'encoded.toml']) {
      const set = loadSecretRules(readFileSync(new URL(`gitleaks-testdata/${name}`, corpus), 'utf8'), name);
      expect(set.issues.filter((i) => i.level === 'error'), name).toEqual([]);
      expect(set.rules.length, name).toBeGreaterThan(0);
    }
  });

  it('loads the bundled rule set: every rule with keywords and a severity', () => {
    const set = loadSecretRules(readFileSync(bundled, 'utf8'), 'palisade-secrets.toml');
    expect(set.issues).toEqual([]);
    const ids = set.rules.map((r) => r.id);
    for (const id of ['aws-access-key-id', 'gcp-api-key', 'azure-storage-account-key', 'github-pat', 'gitlab-pat', 'slack-token', 'stripe-secret-key', 'private-key', 'jwt', 'password-in-url', 'generic-secret-assignment']) {
      expect(ids).toContain(id);
    }
  });

  it('rejects broken rules one by one with file, rule id, line and reason, and keeps the rest', () => {
    const text = [
      '[[rules]]',
      'id = "good"',
      "regex = '''tok_[a-z]{8}'''",
      '',
      '[[rules]]',
      'id = "bad-regex"',
      "regex = '''(unclosed'''",
      '',
      '[[rules]]',
      'id = "no-pattern"',
      'description = "neither regex nor path"',
      '',
      '[[rules]]',
      'id = "bad-group"',
      "regex = '''a(b)'''",
      'secretGroup = 3',
      '',
      '[[rules]]',
      'id = "bad-severity"',
      "regex = '''x'''",
      'severity = "urgent"',
    ].join('\n');
    const set = loadSecretRules(text, 'user.toml');
    expect(set.rules.map((r) => r.id)).toEqual(['good']);
    const errors = set.issues.filter((i) => i.level === 'error');
    expect(errors.map((e) => [e.file, e.ruleId, e.line])).toEqual([
      ['user.toml', 'bad-regex', 5],
      ['user.toml', 'no-pattern', 9],
      ['user.toml', 'bad-group', 13],
      ['user.toml', 'bad-severity', 18],
    ]);
    expect(errors[0]?.message).toMatch(/regex .*missing closing \)/);
    expect(errors[1]?.message).toMatch(/regex or a path/);
    expect(errors[2]?.message).toMatch(/secretGroup 3/);
    expect(errors[3]?.message).toMatch(/severity/);
  });

  it('reports a file that is not TOML as one error with its line', () => {
    const set = loadSecretRules('[[rules]]\nid = "x"\nregex = \'\'\'unterminated\n', 'broken.toml');
    expect(set.rules).toEqual([]);
    expect(set.issues).toHaveLength(1);
    expect(set.issues[0]).toMatchObject({ level: 'error', file: 'broken.toml', message: expect.stringMatching(/not valid TOML/) });
  });

  it('lets a later file replace a rule of the same id, with a warning', () => {
    const a = loadSecretRules("[[rules]]\nid = 'x'\nregex = '''aaa'''\nkeywords = ['aaa']", 'a.toml');
    const b = loadSecretRules("[[rules]]\nid = 'x'\nregex = '''bbb'''\nkeywords = ['bbb']\nseverity = 'low'", 'b.toml');
    const merged = mergeSecretRuleSets([a, b]);
    expect(merged.rules).toHaveLength(1);
    expect(merged.rules[0]?.severity).toBe('low');
    expect(merged.issues).toEqual([expect.objectContaining({ level: 'warning', file: 'b.toml', ruleId: 'x' })]);
  });
});

describe('gitleaks [extend]', () => {
  it('turns off earlier rules named in disabledRules and warns about the parts it ignores', () => {
    const base = loadSecretRules("[[rules]]\nid = 'a'\nregex = '''aaa'''\nkeywords = ['aaa']\n[[rules]]\nid = 'b'\nregex = '''bbb'''\nkeywords = ['bbb']", 'base.toml');
    const user = loadSecretRules("[extend]\nuseDefault = true\ndisabledRules = ['a', 'zzz']\n", 'user.toml');
    const merged = mergeSecretRuleSets([base, user]);
    expect(merged.rules.map((r) => r.id)).toEqual(['b']);
    expect(merged.issues).toEqual([
      expect.objectContaining({ level: 'warning', file: 'user.toml', message: expect.stringMatching(/useDefault/) }),
      expect.objectContaining({ level: 'warning', file: 'user.toml', ruleId: 'zzz' }),
    ]);
  });
});
