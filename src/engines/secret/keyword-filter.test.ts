import { describe, expect, it } from 'vitest';
import { KeywordFilter } from './keyword-filter.js';

describe('KeywordFilter', () => {
  it('finds overlapping keywords case-insensitively in one pass', () => {
    const filter = new KeywordFilter(['akia', 'ghp_', 'kia', 'secret']);
    const found = filter.find(Buffer.from('xx AKIAXYZ and Ghp_1 but no s3cret'));
    expect([...found].sort()).toEqual([0, 1, 2]);
  });

  it('finds nothing in text without keywords', () => {
    expect(new KeywordFilter(['token']).find(Buffer.from('tokeN'.slice(0, 4))).size).toBe(0);
    expect(new KeywordFilter([]).find(Buffer.from('anything')).size).toBe(0);
  });
});
