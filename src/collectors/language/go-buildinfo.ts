// Modules a Go program was built from, from the build information the linker embeds (section
// .go.buildinfo since Go 1.18, read as Go's debug/buildinfo does): a 32-byte header starting
// "\xff Go buildinf:", then, with flag bit 2 (strings inline), the Go version and the module
// information as two varint-length-prefixed strings. The module information has one line per
// module: "path", "mod" (the main module), "dep" (a dependency) and "=>" (its replacement).
// Programs from older Go keep pointers there instead, and are reported as not read.

export const GO_BUILDINFO_MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');

export interface GoModule {
  readonly path: string;
  readonly version: string;
}

export interface GoBuildInfo {
  /** "go1.22.5" as the toolchain wrote it. */
  readonly goVersion: string;
  readonly main: GoModule | null;
  readonly deps: GoModule[];
}

export type GoBuildInfoResult = { readonly info: GoBuildInfo } | { readonly error: string };

function varintString(data: Buffer, at: number): { text: string; next: number } | null {
  let length = 0;
  let shift = 0;
  let pos = at;
  for (;;) {
    const byte = data[pos++];
    if (byte === undefined || shift > 28) return null;
    length |= (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) break;
    shift += 7;
  }
  if (pos + length > data.length) return null;
  return { text: data.toString('utf8', pos, pos + length), next: pos + length };
}

export function parseGoBuildInfo(section: Buffer): GoBuildInfoResult {
  if (section.length < 32 || !section.subarray(0, GO_BUILDINFO_MAGIC.length).equals(GO_BUILDINFO_MAGIC)) return { error: 'no Go build information header' };
  const flags = section[15] ?? 0;
  if ((flags & 2) === 0) return { error: 'build information from Go before 1.18 (pointer format): not read' };
  const version = varintString(section, 32);
  const modinfo = version ? varintString(section, version.next) : null;
  if (!version || !modinfo) return { error: 'build information truncated' };
  // The module information is framed by 16-byte sentinels (runtime/debug's modinfo markers).
  let text = modinfo.text;
  if (text.length >= 33 && text[text.length - 17] === '\n') text = text.slice(16, -16);
  let main: GoModule | null = null;
  const deps: GoModule[] = [];
  for (const line of text.split('\n')) {
    const [kind, path, moduleVersion] = line.split('\t');
    if (!path || moduleVersion === undefined) continue;
    if (kind === 'mod') main = { path, version: moduleVersion };
    else if (kind === 'dep') deps.push({ path, version: moduleVersion });
    else if (kind === '=>' && deps.length > 0) deps[deps.length - 1] = { path, version: moduleVersion }; // what was really compiled in
  }
  return { info: { goVersion: version.text, main, deps } };
}

/** "go1.21.5" → "1.21.5", the version OSV's Go ecosystem gives the standard library ("stdlib"); null for devel builds. */
export function stdlibVersion(goVersion: string): string | null {
  const match = /^go(\d+\.\d+(?:\.\d+)?)/.exec(goVersion.split(' ')[0] ?? '');
  return match?.[1] ?? null;
}
