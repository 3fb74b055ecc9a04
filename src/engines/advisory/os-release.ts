// os-release(5): shell-style KEY=value lines, values optionally quoted; what the ecosystem choice
// needs from it.
import type { OsRelease } from './distro-ecosystem.js';

export function parseOsRelease(text: string): OsRelease {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line);
    if (!m) continue;
    let value = (m[2] ?? '').trim();
    const quoted = /^(["'])(.*)\1$/.exec(value);
    if (quoted) value = (quoted[2] ?? '').replace(/\\(["'$`\\])/g, '$1');
    fields.set(m[1] ?? '', value);
  }
  return {
    id: fields.get('ID') ?? null,
    idLike: (fields.get('ID_LIKE') ?? '').split(/\s+/).filter(Boolean),
    versionId: fields.get('VERSION_ID') ?? null,
    version: fields.get('VERSION') ?? null,
  };
}
