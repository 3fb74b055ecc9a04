// A version scheme orders the version strings of one packaging world. Each scheme is one file,
// registered by ecosystem in ./index.ts. A version the scheme cannot read is an error naming the
// version and the scheme (issue 4 "Bad input": reported per package, never guessed).

export interface VersionScheme {
  /** Short name used in errors and reports ("dpkg", "rpm", "semver"…). */
  readonly name: string;
  /** OSV ecosystem names (the part before any ':') this scheme orders. */
  readonly ecosystems: readonly string[];
  /** Negative when a < b, 0 when equal, positive when a > b. Throws VersionParseError. */
  compare(a: string, b: string): number;
  /** Throws VersionParseError when the scheme cannot read the version. */
  validate(version: string): void;
}

export class VersionParseError extends Error {
  constructor(
    readonly scheme: string,
    readonly version: string,
    readonly reason: string,
  ) {
    super(`${scheme} version ${JSON.stringify(version)}: ${reason}`);
    this.name = 'VersionParseError';
  }
}

/** Sign of a numeric difference, as -1, 0 or 1. */
export function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Compares two strings of decimal digits by value without number overflow. */
export function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Builds a scheme whose compare parses both sides with one parse function. */
export function schemeFromParser<T>(
  name: string,
  ecosystems: readonly string[],
  parse: (version: string) => T,
  compareParsed: (a: T, b: T) => number,
): VersionScheme {
  // A small cache: matching compares one installed version against many range bounds.
  const cache = new Map<string, T>();
  const parsed = (v: string): T => {
    let hit = cache.get(v);
    if (hit === undefined) {
      hit = parse(v);
      if (cache.size > 50_000) cache.clear();
      cache.set(v, hit);
    }
    return hit;
  };
  return {
    name,
    ecosystems,
    compare: (a, b) => sign(compareParsed(parsed(a), parsed(b))),
    validate: (v) => void parsed(v),
  };
}
