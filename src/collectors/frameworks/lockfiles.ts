// Versions of framework dependencies from the files that pin them: Gemfile.lock (Bundler's
// "specs:" section, "    rails (7.1.2)"), composer.lock (JSON, packages[].name/version),
// a package.json (its "version"), a Python distribution's directory name
// ("Django-4.2.7.dist-info", Debian's "Flask-2.2.2.egg-info").

export interface Pin {
  readonly name: string;
  readonly version: string;
}

/** Top-level gems of every "specs:" section (4-space indent; dependencies sit at 6). */
export function gemfileLockPins(text: string): Pin[] {
  const pins: Pin[] = [];
  for (const match of text.matchAll(/^ {4}([A-Za-z0-9_.-]+) \(([^)\s]+)\)$/gm)) pins.push({ name: match[1] as string, version: match[2] as string });
  return pins;
}

export function composerLockPins(text: string): Pin[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  const pins: Pin[] = [];
  for (const section of ['packages', 'packages-dev']) {
    const list = (parsed as Record<string, unknown> | null)?.[section];
    if (!Array.isArray(list)) continue;
    for (const item of list as { name?: unknown; version?: unknown }[]) {
      if (typeof item?.name === 'string' && typeof item.version === 'string') pins.push({ name: item.name, version: item.version.replace(/^v(?=\d)/, '') });
    }
  }
  return pins;
}

export function packageJsonVersion(text: string): string | null {
  try {
    const version = (JSON.parse(text) as { version?: unknown } | null)?.version;
    return typeof version === 'string' ? version : null;
  } catch {
    return null;
  }
}

export function pythonDistribution(dirName: string): Pin | null {
  const match = /^(.+?)-(\d[^-]*?)(?:-py\d[\w.]*)?\.(?:dist-info|egg-info)$/.exec(dirName);
  return match?.[1] && match[2] ? { name: match[1], version: match[2] } : null;
}
