// npm packages: an installed package's package.json (its "name" and "version"), and the packages a
// package-lock.json pins (lockfileVersion 2 and 3: "packages" keyed by install path; version 1:
// nested "dependencies"), for a project whose node_modules is not there.

export interface NpmPackage {
  readonly name: string;
  readonly version: string | null;
}

export interface LockedPackage extends NpmPackage {
  /** Where npm would install it, as the lock file keys it: "node_modules/a/node_modules/b". */
  readonly installPath: string;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

function parseJson(text: string): Parsed<Record<string, unknown>> {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: 'not a JSON object' };
    return { ok: true, value: value as Record<string, unknown> };
  } catch (error) {
    return { ok: false, error: `not valid JSON: ${(error as Error).message}` };
  }
}

/** The package a package.json describes; null (with no error) when it names none, as a project's own often does not. */
export function packageJsonPackage(text: string): Parsed<NpmPackage | null> {
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  const { name, version } = parsed.value;
  if (typeof name !== 'string' || name === '') return { ok: true, value: null };
  return { ok: true, value: { name, version: typeof version === 'string' && version !== '' ? version : null } };
}

/** Every package a package-lock.json (or npm-shrinkwrap.json) pins, linked workspace packages left out. */
export function packageLockPackages(text: string): Parsed<LockedPackage[]> {
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  const out: LockedPackage[] = [];
  const packages = parsed.value.packages;
  if (typeof packages === 'object' && packages !== null) {
    for (const [key, entry] of Object.entries(packages as Record<string, Record<string, unknown>>)) {
      const at = key.lastIndexOf('node_modules/');
      if (at < 0 || typeof entry !== 'object' || entry === null || entry.link === true) continue; // "" is the project itself
      const name = typeof entry.name === 'string' ? entry.name : key.slice(at + 'node_modules/'.length);
      out.push({ name, version: typeof entry.version === 'string' ? entry.version : null, installPath: key });
    }
    return { ok: true, value: out };
  }
  const walk = (dependencies: unknown, under: string) => {
    if (typeof dependencies !== 'object' || dependencies === null) return;
    for (const [name, entry] of Object.entries(dependencies as Record<string, Record<string, unknown>>)) {
      if (typeof entry !== 'object' || entry === null) continue;
      const version = typeof entry.version === 'string' && !entry.version.startsWith('file:') ? entry.version : null;
      const installPath = `${under}node_modules/${name}`;
      out.push({ name, version, installPath });
      walk(entry.dependencies, `${installPath}/`);
    }
  };
  walk(parsed.value.dependencies, '');
  return { ok: true, value: out };
}
