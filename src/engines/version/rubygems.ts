// RubyGems versions ordered as Gem::Version: numeric and letter segments, a '-' means ".pre.",
// trailing zeros dropped in the release and in the pre-release part, letters sort before numbers.
import { VersionParseError, compareDigits, schemeFromParser } from './scheme.js';

const VALID = /^[0-9]+[0-9a-zA-Z]*(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

export function parseGemVersion(input: string): readonly string[] {
  const text = input.trim();
  if (!VALID.test(text)) throw new VersionParseError('rubygems', input, 'not a RubyGems version');
  const segments = text.replace(/-/g, '.pre.').match(/[0-9]+|[a-z]+/gi) ?? [];
  const firstString = segments.findIndex((s) => !/^\d/.test(s));
  const numeric = firstString === -1 ? segments : segments.slice(0, firstString);
  const rest = firstString === -1 ? [] : segments.slice(firstString);
  const trim = (parts: string[]) => {
    while (parts.length > 0 && /^0+$/.test(parts[parts.length - 1] ?? '')) parts.pop();
    return parts;
  };
  return [...trim([...numeric]), ...trim([...rest])];
}

export function compareGemVersions(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? '0';
    const y = b[i] ?? '0';
    const xn = /^\d/.test(x);
    const yn = /^\d/.test(y);
    if (xn && yn) {
      const diff = compareDigits(x, y);
      if (diff !== 0) return diff;
      continue;
    }
    if (x === y) continue;
    if (xn !== yn) return xn ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return 0;
}

export const rubygemsScheme = schemeFromParser('rubygems', ['RubyGems'], parseGemVersion, compareGemVersions);
