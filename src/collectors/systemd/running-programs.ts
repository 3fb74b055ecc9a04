// What runs now, by program, for telling which service units run where systemd is not PID 1 to
// ask (a container whose init is something else): /proc/PID/exe of every process, and for
// interpreted programs (python, sh) the script named on its command line. Processes that exit
// while we look, and kernel threads (no exe), are simply not there.
import type { SystemView } from '../../view/system-view.js';
import { MAX_SYMLINK_HOPS } from '../../view/fs-view.js';
import { parseUnitFile, unitValues } from './unit-file.js';

/** Programs running now (executables and scripts given to an interpreter). */
export async function runningPrograms(view: SystemView): Promise<Set<string>> {
  const programs = new Set<string>();
  const names = (await view.readDir('/proc').catch(() => null)) ?? [];
  for (const pid of names.filter((name) => /^\d+$/.test(name))) {
    const exe = await view.readLink(`/proc/${pid}/exe`).catch(() => null);
    if (exe === null) continue;
    // A replaced binary shows as "/usr/sbin/x (deleted)": it is still that program running.
    programs.add(exe.replace(/ \(deleted\)$/, ''));
    const cmdline = await view.readText(`/proc/${pid}/cmdline`, { maxBytes: 4096 }).catch(() => null);
    const script = cmdline?.split('\0')[1];
    if (script?.startsWith('/')) programs.add(script);
  }
  return programs;
}

/** Follows a chain of symlinks to the file /proc/PID/exe would name; the path itself when unsure. */
async function resolveProgram(view: SystemView, path: string): Promise<string> {
  let current = path;
  for (let hop = 0; hop < MAX_SYMLINK_HOPS; hop += 1) {
    const target = await view.readLink(current).catch(() => null);
    if (target === null) return current;
    const joined = target.startsWith('/') ? target : `${current.slice(0, current.lastIndexOf('/'))}/${target}`;
    // Normalise "a/b/../c" so the result compares equal to what the kernel reports.
    const parts: string[] = [];
    for (const part of joined.split('/')) {
      if (part === '..') parts.pop();
      else if (part !== '' && part !== '.') parts.push(part);
    }
    current = `/${parts.join('/')}`;
  }
  return current;
}

const SHELLS = new Set(['sh', 'bash', 'dash']);

/**
 * The absolute programs a unit's ExecStart= lines start, without systemd's prefixes ("-", "@",
 * ":", "+", "!"; systemd.service(5) "Command lines"), as named and with symlinks resolved. For
 * `/bin/sh -c "… exec /usr/sbin/mariadbd …"` the absolute paths inside the script count too.
 */
export async function unitPrograms(view: SystemView, unitText: string): Promise<string[]> {
  const programs = new Set<string>();
  for (const exec of unitValues(parseUnitFile(unitText), 'Service', 'ExecStart')) {
    const words = exec.replace(/^[-@:+!]+/, '').split(/\s+/);
    const program = words[0];
    if (!program?.startsWith('/')) continue;
    const candidates = [program];
    if (SHELLS.has(program.slice(program.lastIndexOf('/') + 1)) && words[1] === '-c') {
      candidates.push(...words.slice(2).map((word) => word.replace(/^["']|["';]$/g, '')).filter((word) => /^\/[\w./-]+$/.test(word)));
    }
    for (const candidate of candidates) {
      programs.add(candidate);
      programs.add(await resolveProgram(view, candidate));
    }
  }
  // The shell itself runs in many places; it says nothing about this unit.
  return [...programs].filter((p) => !SHELLS.has(p.slice(p.lastIndexOf('/') + 1)));
}
