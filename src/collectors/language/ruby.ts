// Installed gems: RubyGems keeps one specification per gem in specifications/NAME-VERSION.gemspec
// (Ruby source written by Gem::Specification#to_ruby: `s.name = "rack".freeze`, `s.version = "3.0.8"`).
// The file name alone is ambiguous ("nokogiri-1.15.4-x86_64-linux"), so the assignments are read.

export interface Gem {
  readonly name: string;
  readonly version: string;
}

export function gemspecGem(text: string): Gem | null {
  const name = /^\s*s\.name\s*=\s*["']([^"']+)["']/m.exec(text)?.[1];
  const version = /^\s*s\.version\s*=\s*["']([^"']+)["']/m.exec(text)?.[1];
  return name && version ? { name, version } : null;
}
