// Every comparison vector in ../shared/corpora/vercmp (see its README) against our schemes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemesByName, VersionParseError, type VersionScheme } from './index.js';

const corpus = new URL('../../../../shared/corpora/vercmp/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, corpus), 'utf8');

function scheme(name: string): VersionScheme {
  const found = schemesByName.get(name);
  if (!found) throw new Error(`no scheme ${name}`);
  return found;
}

/** Rows of a `a<TAB>b<TAB>expected` file, header skipped. */
function tsvRows(file: string): [string, string, number][] {
  return read(file)
    .split('\n')
    .slice(1)
    .filter((line) => line !== '')
    .map((line) => {
      const [a = '', b = '', expected = ''] = line.split('\t');
      return [a, b, Number(expected)];
    });
}

/** Wrong answers, and the distinct versions the scheme refused as unparsable. */
function check(s: VersionScheme, rows: [string, string, number][]): { wrong: string[]; refused: Set<string> } {
  const wrong: string[] = [];
  const refused = new Set<string>();
  for (const [a, b, expected] of rows) {
    try {
      const got = s.compare(a, b);
      if (got !== expected) wrong.push(`${a} vs ${b}: expected ${expected}, got ${got}`);
    } catch (error) {
      if (!(error instanceof VersionParseError)) throw error;
      for (const v of [a, b]) {
        try {
          s.validate(v);
        } catch {
          refused.add(v);
        }
      }
    }
  }
  return { wrong, refused };
}

function mismatches(s: VersionScheme, rows: [string, string, number][]): string[] {
  const { wrong, refused } = check(s, rows);
  return [...wrong, ...[...refused].map((v) => `refused ${v}`)];
}

const tsvFiles: [string, string][] = [
  ['osv-semantic-debian-versions.tsv', 'dpkg'],
  ['osv-semantic-debian-versions-generated.tsv', 'dpkg'],
  ['osv-semantic-alpine-versions-generated.tsv', 'apk'],
  ['osv-semantic-maven-versions.tsv', 'maven'],
  ['osv-semantic-maven-versions-generated.tsv', 'maven'],
  ['osv-semantic-rubygems-versions.tsv', 'rubygems'],
  ['osv-semantic-rubygems-versions-generated.tsv', 'rubygems'],
  ['osv-semantic-packagist-versions.tsv', 'packagist'],
  ['osv-semantic-packagist-versions-generated.tsv', 'packagist'],
  ['osv-semantic-cran-versions.tsv', 'cran'],
  ['osv-semantic-cran-versions-generated.tsv', 'cran'],
  ['osv-semantic-redhat-versions.tsv', 'rpm'],
  ['rpmvercmp.tsv', 'rpm'],
  ['osv-semantic-nuget-versions.tsv', 'nuget'],
  ['osv-semantic-semver-versions.tsv', 'semver'],
  ['node-semver-compare.tsv', 'semver'],
];

describe('version vectors', () => {
  for (const [file, name] of tsvFiles) {
    it(`${file} with ${name}`, () => {
      const rows = tsvRows(file);
      expect(rows.length).toBeGreaterThan(10);
      expect(mismatches(scheme(name), rows).slice(0, 20)).toEqual([]);
    });
  }

  // Hand-written edge cases of invalid versions, and PyPI's pre-PEP 440 "legacy" versions that
  // today's `packaging` refuses too: we refuse them instead of guessing an order; every other
  // row must still be answered right.
  const refusing: [string, string, string[]][] = [
    ['osv-semantic-alpine-versions.tsv', 'apk', ['1-r-0', '1.2.0A', '1-ruff', '1.2_blah', '.1', 'a', '23_foo', '1.0bc']],
    ['osv-semantic-pypi-versions.tsv', 'pep440', ['0.1-bulbasaur', '-class.-jw.util.version.version-pre']],
    ['osv-semantic-pypi-versions-generated.tsv', 'pep440', ['2.0.1rc2-git', '0.7.1.fix1', '2013-01-21T20:33:09+0100', 'trunk', '0.3m1']],
  ];
  for (const [file, name, examples] of refusing) {
    it(`${file} with ${name}, refusing invalid versions`, () => {
      const { wrong, refused } = check(scheme(name), tsvRows(file));
      expect(wrong).toEqual([]);
      for (const example of examples) expect(refused).toContain(example);
      expect(refused.size).toBe({ apk: 22, pep440: file.includes('generated') ? 69 : 11 }[name]);
    });
  }

  it('apk-tools version.data (ordering lines) with apk', () => {
    const rows: [string, string, number][] = [];
    const invalid: string[] = [];
    for (const line of read('apk-version.data').split('\n')) {
      const [text = '', comment] = line.split('#');
      const m = /^(\S+)\s+([<>=])\s+(\S+)$/.exec(text.trim());
      // Lines with fuzzy operators (~, <~, !~) test apk's version matching, not ordering.
      if (!m) continue;
      const expected = m[2] === '<' ? -1 : m[2] === '>' ? 1 : 0;
      // "1.0bc" (marked invalid) and "23_foo" (unknown suffix): apk-tools sorts them as strings.
      if (comment?.includes('invalid') || m[1] === '23_foo') invalid.push(m[1] === '23_foo' ? '23_foo' : (m[3] ?? ''));
      else rows.push([m[1] ?? '', m[3] ?? '', expected]);
    }
    expect(rows.length).toBeGreaterThan(700);
    expect(mismatches(scheme('apk'), rows).slice(0, 20)).toEqual([]);
    // apk-tools falls back to a string sort for an invalid version; we refuse to guess.
    expect(invalid.sort()).toEqual(['1.0bc', '23_foo']);
    for (const v of invalid) expect(() => scheme('apk').validate(v)).toThrow(VersionParseError);
  });

  for (const file of ['debian-curl-ascending.txt', 'debian-nginx-ascending.txt', 'debian-blender-ascending.txt']) {
    it(`${file} is ascending in dpkg order`, () => {
      const versions = read(file).split('\n').filter((v) => v !== '');
      const sorted = [...versions].sort((a, b) => scheme('dpkg').compare(a, b));
      expect(sorted).toEqual(versions);
    });
  }
});
