// Package names as each ecosystem compares them, so that the installed name and the advisory's
// name meet in the index: PyPI names are case-insensitive with '-', '_' and '.' equivalent
// (PEP 503 "Normalized names"); RubyGems, npm, Go, Maven and distributions compare as written.

export function ecosystemBase(ecosystem: string): string {
  return ecosystem.split(':')[0] ?? ecosystem;
}

export function normalizePackageName(ecosystem: string, name: string): string {
  switch (ecosystemBase(ecosystem)) {
    case 'PyPI':
      return name.toLowerCase().replace(/[-_.]+/g, '-');
    case 'crates.io':
    case 'NuGet':
    case 'Packagist':
      // Registry names are case-insensitive there.
      return name.toLowerCase();
    default:
      return name;
  }
}
