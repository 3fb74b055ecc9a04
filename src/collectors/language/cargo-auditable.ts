// Crates a Rust program was built from, when it was built with cargo-auditable: the section
// .dep-v0 holds zlib-compressed JSON {"packages": [{"name", "version", "source", "kind"}]}
// (github.com/rust-secure-code/cargo-auditable, "Data format"). Build-time dependencies are
// not in the program and are left out, as are crates not from crates.io.
import { inflateSync } from 'node:zlib';
import type { Crate } from './cargo-lock.js';

/** Inflated JSON larger than this is refused (a small program's list is a few kilobytes). */
const MAX_INFLATED_BYTES = 8 * 1024 * 1024;

export function auditableCrates(section: Buffer): { crates: Crate[] } | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(inflateSync(section, { maxOutputLength: MAX_INFLATED_BYTES }).toString('utf8'));
  } catch (error) {
    return { error: `cargo-auditable data not read: ${(error as Error).message}` };
  }
  const packages = (parsed as { packages?: unknown } | null)?.packages;
  if (!Array.isArray(packages)) return { error: 'cargo-auditable data without a package list' };
  const crates: Crate[] = [];
  for (const entry of packages as Record<string, unknown>[]) {
    if (typeof entry?.name !== 'string' || typeof entry.version !== 'string') continue;
    if (entry.kind === 'build' || entry.source !== 'crates.io') continue; // "local" crates are the program's own code
    crates.push({ name: entry.name, version: entry.version });
  }
  return { crates };
}
