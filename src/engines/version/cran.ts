// CRAN (R) package versions: non-negative integers separated by '.' or '-', compared as R's
// compareVersion does (numerically, a longer version is newer when the rest is equal).
import { VersionParseError, compareDigits, schemeFromParser } from './scheme.js';

export const cranScheme = schemeFromParser(
  'cran',
  ['CRAN'],
  (v) => {
    const text = v.trim();
    if (!/^\d+(?:[.-]\d+)*$/.test(text)) throw new VersionParseError('cran', v, 'not numbers separated by "." or "-"');
    return text.split(/[.-]/);
  },
  (a, b) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const diff = compareDigits(a[i] ?? '0', b[i] ?? '0');
      if (diff !== 0) return diff;
    }
    return a.length - b.length;
  },
);
