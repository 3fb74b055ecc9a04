// Startup services: systemd service units with their unit-file state as `systemctl
// list-unit-files` names it (enabled, disabled, static, masked), and SysV init scripts started
// in a runlevel. Whether a unit runs now is asked of systemd itself on a live host where it is
// PID 1; elsewhere on a live system, a unit is active when the program its ExecStart names runs.
import type { Service } from '../model/inventory.js';
import type { SystemView } from '../view/system-view.js';
import { Collected, type Collector } from './collector.js';
import { readDirSafely, readTextSafely, statSafely } from './read-safely.js';
import { runningPrograms, unitPrograms } from './systemd/running-programs.js';
import { parseUnitFile, unitValue, unitValues } from './systemd/unit-file.js';
import { UNIT_DIRS, enabledLinks, listUnits } from './systemd/unit-dirs.js';

const INIT_D = '/etc/init.d';
const RC_DIRS = ['/etc/rc2.d', '/etc/rc3.d', '/etc/rc4.d', '/etc/rc5.d'];
const NOT_SERVICES = new Set(['README', 'skeleton', 'rc', 'rcS', 'functions', '.depend.boot', '.depend.start', '.depend.stop']);
const INSTALL_KEYS = ['WantedBy', 'RequiredBy', 'UpheldBy', 'Also', 'Alias'];

/** ActiveState of every loaded service, from the running systemd; null when it cannot be asked. */
async function activeUnits(view: SystemView): Promise<Map<string, boolean> | null> {
  if (!view.run) return null;
  // /run/systemd/system exists only while systemd is PID 1 (sd_booted(3)).
  if ((await view.stat('/run/systemd/system').catch(() => null))?.type !== 'dir') return null;
  const result = await view.run(['systemctl', 'list-units', '--type=service', '--all', '--plain', '--no-legend', '--no-pager'], { timeoutMs: 10_000 });
  if (result.exitCode !== 0) return null;
  const active = new Map<string, boolean>();
  for (const line of result.stdout.split('\n')) {
    const [unit, , state] = line.trim().split(/\s+/);
    if (unit && state) active.set(unit, state === 'active' || state === 'reloading');
  }
  return active;
}

function templateOf(name: string): string | null {
  const at = name.indexOf('@');
  return at < 0 ? null : `${name.slice(0, at + 1)}${name.slice(name.lastIndexOf('.'))}`;
}

export const services: Collector<'services'> = {
  name: 'services',
  kind: 'services',
  version: 2,
  liveOnly: false,
  needs: { dirs: [...UNIT_DIRS, INIT_D, ...RC_DIRS] },
  async collect(view: SystemView) {
    const out = new Collected(this);
    const units = await listUnits(view, ['.service'], out);
    const links = await enabledLinks(view, out);
    const enabledTemplates = new Set([...links].map(templateOf).filter((t): t is string => t !== null));
    const active = view.live ? await activeUnits(view) : null;
    // Without systemd to ask, a live system still shows whether a unit's program runs.
    const running = view.live && active === null ? await runningPrograms(view) : null;

    for (const unit of units.values()) {
      let state: string;
      let text: string | null = null;
      if (unit.linkTarget === '/dev/null') state = 'masked';
      else if (unit.linkTarget !== null && unit.linkTarget.split('/').pop() !== unit.name) state = 'alias';
      else {
        text = await readTextSafely(view, unit.path, out);
        if (text === null) continue;
        const parsed = parseUnitFile(text);
        const installable = INSTALL_KEYS.some((key) => unitValues(parsed, 'Install', key).some((value) => value !== ''));
        const enabled = links.has(unit.name) || enabledTemplates.has(unit.name);
        state = enabled ? 'enabled' : installable ? 'disabled' : 'static';
      }
      // An alias is another name of a unit listed under its own name.
      if (state === 'alias') continue;
      const parsed = text === null ? null : parseUnitFile(text);
      let isActive: boolean | null = active ? (active.get(unit.name) ?? false) : null;
      if (running && text !== null && parsed && unitValue(parsed, 'Service', 'Type') !== 'oneshot' && !unit.name.includes('@.')) {
        const programs = await unitPrograms(view, text);
        if (programs.length > 0) isActive = programs.some((program) => running.has(program));
      }
      const item: Service = {
        name: unit.name,
        type: 'systemd',
        state,
        enabled: state === 'enabled',
        active: isActive,
        description: parsed ? unitValue(parsed, 'Unit', 'Description') : null,
        path: unit.path,
        command: parsed ? unitValue(parsed, 'Service', 'ExecStart') : null,
      };
      out.items.push(item);
    }

    // SysV scripts systemd does not shadow with a native unit of the same name.
    const started = new Set<string>();
    for (const dir of RC_DIRS) {
      for (const link of (await readDirSafely(view, dir, out)) ?? []) {
        const match = /^S\d\d(.+)$/.exec(link);
        if (match) started.add(match[1] as string);
      }
    }
    for (const name of (await readDirSafely(view, INIT_D, out)) ?? []) {
      if (NOT_SERVICES.has(name) || name.startsWith('.') || units.has(`${name.replace(/\.sh$/, '')}.service`)) continue;
      const path = `${INIT_D}/${name}`;
      const stat = await statSafely(view, path, out);
      if (stat?.type !== 'file') continue;
      const enabled = started.has(name);
      out.items.push({ name, type: 'sysv', state: enabled ? 'enabled' : 'disabled', enabled, active: null, description: null, path, command: path });
    }
    return out.output();
  },
};
