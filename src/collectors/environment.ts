// System-wide environment (/etc/environment, /etc/profile, /etc/profile.d/*.sh) and, on a live
// host, the environment of each service's main process. Values that look like secrets are
// masked (environment/mask.ts) before they become rows.
import { NotVisibleError, type SystemView } from '../view/system-view.js';
import { Collected, type Collector } from './collector.js';
import { parseAssignments } from './environment/assignments.js';
import { maskIfSecret } from './environment/mask.js';
import { readDirSafely, readTextSafely } from './read-safely.js';
import { unitPrograms } from './systemd/running-programs.js';
import { UNIT_DIRS, listUnits } from './systemd/unit-dirs.js';

const SYSTEM_FILES = ['/etc/environment', '/etc/profile'];
const PROFILE_D = '/etc/profile.d';
const MAX_ENVIRON_BYTES = 256 * 1024;
const MAX_SERVICE_PROCESSES = 256;

/** Programs the service units start (see systemd/running-programs.ts). */
async function serviceExecutables(view: SystemView, out: Collected<'environment'>): Promise<Set<string>> {
  const programs = new Set<string>();
  for (const unit of (await listUnits(view, ['.service'], out)).values()) {
    if (unit.linkTarget === '/dev/null') continue;
    const text = await readTextSafely(view, unit.path, out);
    if (text !== null) for (const program of await unitPrograms(view, text)) programs.add(program);
  }
  return programs;
}

/**
 * A process is a service's when systemd put it in a ".service" cgroup, or, where systemd is not
 * PID 1, when it runs a program some unit's ExecStart names. One process per service or program.
 */
async function serviceProcesses(view: SystemView, out: Collected<'environment'>): Promise<{ pid: number; name: string }[]> {
  const programs = await serviceExecutables(view, out);
  const chosen: { pid: number; name: string }[] = [];
  const seen = new Set<string>();
  const pids = ((await view.readDir('/proc').catch(() => null)) ?? []).filter((name) => /^\d+$/.test(name)).map(Number).sort((a, b) => a - b);
  for (const pid of pids) {
    if (chosen.length >= MAX_SERVICE_PROCESSES) break;
    // Processes exit while we look: every read may answer null, and that process is skipped.
    const cgroup = await view.readText(`/proc/${pid}/cgroup`).catch(() => null);
    const unit = cgroup ? /\/([^/\n]+\.service)(?:\/|$)/m.exec(cgroup)?.[1] : undefined;
    const exe = unit ? null : await view.readLink(`/proc/${pid}/exe`).catch(() => null);
    const key = unit ?? (exe !== null && programs.has(exe) ? exe : null);
    if (key === null || seen.has(key)) continue;
    seen.add(key);
    const comm = await view.readText(`/proc/${pid}/comm`).catch(() => null);
    chosen.push({ pid, name: comm?.trim() ?? key });
  }
  return chosen;
}

export const environment: Collector<'environment'> = {
  name: 'environment',
  kind: 'environment',
  version: 1,
  liveOnly: false,
  needs: { files: SYSTEM_FILES, dirs: [PROFILE_D, ...UNIT_DIRS] },
  async collect(view: SystemView) {
    const out = new Collected(this);
    const files = [...SYSTEM_FILES];
    for (const name of (await readDirSafely(view, PROFILE_D, out)) ?? []) {
      if (name.endsWith('.sh')) files.push(`${PROFILE_D}/${name}`);
    }
    for (const path of files) {
      const text = await readTextSafely(view, path, out);
      if (text === null) continue;
      for (const { name, value } of parseAssignments(text)) {
        out.items.push({ name, ...maskIfSecret(name, value), scope: 'system', source: path, pid: null, processName: null });
      }
    }
    if (!view.live) return out.output();

    let hidden = 0;
    for (const process of await serviceProcesses(view, out)) {
      const path = `/proc/${process.pid}/environ`;
      let environ: Buffer | null;
      try {
        environ = await view.readFile(path, { maxBytes: MAX_ENVIRON_BYTES });
      } catch (error) {
        if (error instanceof NotVisibleError) hidden += 1;
        else out.warn(`cannot read: ${error instanceof Error ? error.message : String(error)}`, path);
        continue;
      }
      for (const entry of (environ ?? Buffer.alloc(0)).toString('utf8').split('\0')) {
        const equals = entry.indexOf('=');
        if (equals <= 0) continue;
        const name = entry.slice(0, equals);
        out.items.push({ name, ...maskIfSecret(name, entry.slice(equals + 1)), scope: 'process', source: path, pid: process.pid, processName: process.name });
      }
    }
    if (hidden > 0) out.hidden('/proc/*/environ', `${hidden} service processes' environments not visible to this scanner (permission denied)`);
    return out.output();
  },
};
