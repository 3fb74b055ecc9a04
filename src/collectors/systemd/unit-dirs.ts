// Where unit files live, highest precedence first (systemd.unit(5) "Unit File Load Path", system
// manager). A name found in an earlier directory hides the same name in later ones.
import type { FactKind } from '../../model/inventory.js';
import type { SystemView } from '../../view/system-view.js';
import type { Collected } from '../collector.js';
import { readDirSafely, readLinkSafely } from '../read-safely.js';

export const UNIT_DIRS = ['/etc/systemd/system', '/run/systemd/system', '/usr/local/lib/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system'];
/** Directories where enabling a unit puts its links (`systemctl enable`). */
export const CONFIG_UNIT_DIRS = ['/etc/systemd/system', '/run/systemd/system'];

export interface UnitEntry {
  readonly name: string;
  /** Path of the unit as found (may be a symlink). */
  readonly path: string;
  /** Target of the symlink when the unit file is one. */
  readonly linkTarget: string | null;
}

/** Every unit whose name ends with one of `suffixes`, first by precedence. */
export async function listUnits<K extends FactKind>(view: SystemView, suffixes: readonly string[], out: Collected<K>): Promise<Map<string, UnitEntry>> {
  const units = new Map<string, UnitEntry>();
  for (const dir of UNIT_DIRS) {
    for (const name of (await readDirSafely(view, dir, out)) ?? []) {
      if (units.has(name) || !suffixes.some((suffix) => name.endsWith(suffix))) continue;
      const path = `${dir}/${name}`;
      units.set(name, { name, path, linkTarget: await readLinkSafely(view, path, out) });
    }
  }
  return units;
}

/** Names linked from `*.wants/` and `*.requires/` directories under the configuration unit dirs: what is enabled. */
export async function enabledLinks<K extends FactKind>(view: SystemView, out: Collected<K>): Promise<Set<string>> {
  const names = new Set<string>();
  for (const dir of CONFIG_UNIT_DIRS) {
    for (const entry of (await readDirSafely(view, dir, out)) ?? []) {
      if (!entry.endsWith('.wants') && !entry.endsWith('.requires')) continue;
      for (const name of (await readDirSafely(view, `${dir}/${entry}`, out)) ?? []) names.add(name);
    }
  }
  return names;
}
