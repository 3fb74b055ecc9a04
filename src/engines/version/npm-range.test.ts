// The node-semver range fixtures of ../shared/corpora/vercmp/node-semver-range.tsv.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { satisfiesNpmRange } from './npm-range.js';

const rows = readFileSync(new URL('../../../../shared/corpora/vercmp/node-semver-range.tsv', import.meta.url), 'utf8')
  .split('\n')
  .slice(1)
  .filter((line) => line !== '')
  .map((line) => {
    const [range = '', version = '', satisfies = '', options = ''] = line.split('\t');
    // The README: a literal tab in one range is written "\t" in the file.
    return { range: range.replace(/\\t/g, '\t'), version, expected: satisfies === 'true', loose: options.includes('loose'), includePrerelease: options.includes('includePrerelease') };
  });

describe('npm ranges', () => {
  it('agree with every node-semver include/exclude fixture', () => {
    expect(rows.length).toBe(224);
    const wrong = rows.filter((r) => satisfiesNpmRange(r.version, r.range, r) !== r.expected).map((r) => `${JSON.stringify(r.range)} ${r.version} ${r.loose ? 'loose ' : ''}${r.includePrerelease ? 'includePrerelease ' : ''}expected ${r.expected}`);
    expect(wrong).toEqual([]);
  });
});
