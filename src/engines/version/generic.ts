// Fallback order for ecosystems with no scheme of their own: runs of digits compare as numbers,
// runs of letters as text, a number is newer than text, other characters only separate runs.
import { VersionParseError, compareDigits, schemeFromParser } from './scheme.js';

export const genericScheme = schemeFromParser(
  'generic',
  [],
  (v) => {
    const text = v.trim();
    const runs = text.match(/\d+|[A-Za-z]+/g);
    if (!runs) throw new VersionParseError('generic', v, 'no digits or letters');
    return runs;
  },
  (a, b) => {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const x = a[i];
      const y = b[i];
      if (x === undefined) return -1;
      if (y === undefined) return 1;
      const xn = /^\d/.test(x);
      const yn = /^\d/.test(y);
      if (xn !== yn) return xn ? 1 : -1;
      const diff = xn ? compareDigits(x, y) : x < y ? -1 : x > y ? 1 : 0;
      if (diff !== 0) return diff;
    }
    return 0;
  },
);
