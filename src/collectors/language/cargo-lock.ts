// Crates a Cargo.lock pins: its [[package]] tables (name, version, source). Only crates from a
// registry are listed: path and git dependencies are the project's own or a fork, and advisories
// for a crates.io name do not speak about them.

export interface Crate {
  readonly name: string;
  readonly version: string;
}

export function cargoLockCrates(text: string): Crate[] {
  const crates: Crate[] = [];
  for (const table of text.split(/^\[\[package\]\]\s*$/m).slice(1)) {
    const body = table.split(/^\[/m)[0] ?? '';
    const field = (key: string) => new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, 'm').exec(body)?.[1];
    const name = field('name');
    const version = field('version');
    if (name && version && isRegistry(field('source'))) crates.push({ name, version });
  }
  return crates;
}

/** crates.io through its git index ("registry+…") or its sparse index ("sparse+…", Cargo 1.68). */
function isRegistry(source: string | undefined): boolean {
  return source !== undefined && (source.startsWith('registry+') || source.startsWith('sparse+'));
}
