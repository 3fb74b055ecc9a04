// Debian packages from the dpkg database: /var/lib/dpkg/status, plus the one-file-per-package
// /var/lib/dpkg/status.d/ that distroless images use instead.
import type { Package } from '../model/inventory.js';
import type { SystemView } from '../view/system-view.js';
import { Collected, type Collector } from './collector.js';
import { parseStanzas } from './deb822.js';
import { MAX_WARNINGS_PER_FILE, readDirSafely, readTextSafely } from './read-safely.js';

const STATUS = '/var/lib/dpkg/status';
const STATUS_DIR = '/var/lib/dpkg/status.d';

// Package states whose files are not on disk (dpkg(1) "Package states").
const ABSENT_STATES = new Set(['not-installed', 'config-files']);

/** "openssl (3.0.11-1~deb12u2)" or "openssl": Debian policy 5.6.1. */
export function parseSource(field: string): { name: string; version: string | null } {
  const match = /^(\S+)(?:\s*\(([^)]+)\))?/.exec(field.trim());
  return { name: match?.[1] ?? field.trim(), version: match?.[2]?.trim() ?? null };
}

function packagesIn(text: string, database: string, out: Collected<'packages'>): void {
  const { stanzas, badLines } = parseStanzas(text);
  for (const line of badLines.slice(0, MAX_WARNINGS_PER_FILE)) out.warn(`line ${line}: not a "Field: value" line`, database);
  if (badLines.length > MAX_WARNINGS_PER_FILE) out.warn(`${badLines.length - MAX_WARNINGS_PER_FILE} more malformed lines`, database);
  for (const stanza of stanzas) {
    const name = stanza.fields.get('Package');
    const version = stanza.fields.get('Version');
    const status = stanza.fields.get('Status');
    if (!name || version === undefined) {
      // A stanza cut short (truncated file) or garbage: say where, keep going.
      out.warn(`stanza at line ${stanza.line}: no ${name ? 'Version' : 'Package'} field, skipped`, database);
      continue;
    }
    const state = status?.split(/\s+/)[2];
    if (state !== undefined && ABSENT_STATES.has(state)) continue;
    const source = stanza.fields.has('Source') ? parseSource(stanza.fields.get('Source') ?? '') : null;
    const item: Package = {
      name,
      version,
      architecture: stanza.fields.get('Architecture') ?? null,
      sourceName: source?.name ?? name,
      sourceVersion: source?.version ?? version,
      format: 'dpkg',
      database,
    };
    out.items.push(item);
  }
}

export const dpkgPackages: Collector<'packages'> = {
  name: 'packages-dpkg',
  kind: 'packages',
  version: 1,
  liveOnly: false,
  needs: { files: [STATUS], dirs: [STATUS_DIR] },
  async collect(view: SystemView) {
    const out = new Collected(this);
    const status = await readTextSafely(view, STATUS, out);
    if (status !== null) packagesIn(status, STATUS, out);
    for (const name of (await readDirSafely(view, STATUS_DIR, out)) ?? []) {
      if (name.startsWith('.') || name.endsWith('.md5sums')) continue;
      const path = `${STATUS_DIR}/${name}`;
      const text = await readTextSafely(view, path, out);
      if (text !== null) packagesIn(text, path, out);
    }
    return out.output();
  },
};
