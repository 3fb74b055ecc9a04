// Reads the process table of a live view from its /proc. A process can exit between listing
// /proc and reading its files: that process is skipped without a word (it no longer exists, so
// there is nothing to report). An entry that exists but may not be read (hidepid, another user's
// exe link without root) is counted as "not visible" so the report can say so.
import type { ProcFs } from '../../view/proc-fs.js';
import { NotVisibleError, type SystemView } from '../../view/system-view.js';
import { mapLimit } from '../map-limit.js';
import { parseBootTime, parseCmdline, parseContainerId, parseProcStat, parseStatusUid, startTimeOf } from './proc-stat.js';

export interface ProcessEntry {
  readonly pid: number;
  readonly ppid: number;
  readonly uid: number | null;
  /** Kernel command name (15 characters at most). */
  readonly comm: string;
  /** Field 3 of /proc/PID/stat: R, S, D, Z (zombie), T, I… */
  readonly state: string;
  readonly argv: readonly string[];
  /** Target of /proc/PID/exe as the kernel prints it (may end in " (deleted)"); null for kernel threads or when not visible. */
  readonly exe: string | null;
  /** True when the exe link exists but this scanner may not read it. */
  readonly exeNotVisible: boolean;
  readonly startTime: string | null;
  readonly containerId: string | null;
}

export interface ProcessTable {
  readonly processes: readonly ProcessEntry[];
  /** Processes listed in /proc whose stat or status could not be read for lack of permission. */
  readonly notVisible: number;
}

type Attempt<T> = { value: T | null; denied: boolean };

/** A permission problem becomes `denied`; anything else is the caller's to see. */
function deniedOrThrow(error: unknown): Attempt<never> {
  if (error instanceof NotVisibleError) return { value: null, denied: true };
  throw error;
}

/** A value that vanished (null) stays null; permission problems are reported to the caller. */
function attempt<T>(read: () => T | null): Attempt<T> {
  try {
    return { value: read(), denied: false };
  } catch (error) {
    return deniedOrThrow(error);
  }
}

function attemptAsync<T>(read: () => Promise<T | null>): Promise<Attempt<T>> {
  return read().then((value) => ({ value, denied: false }), deniedOrThrow);
}

export function listPids(procfs: ProcFs): number[] {
  const names = procfs.readDir('/proc') ?? [];
  return names.filter((name) => /^\d+$/.test(name)).map(Number).sort((a, b) => a - b);
}

async function readEntry(view: SystemView, procfs: ProcFs, pid: number, bootTime: number | null): Promise<ProcessEntry | 'gone' | 'denied'> {
  const base = `/proc/${pid}`;
  // stat, status, cgroup and the exe link are the kernel's own bookkeeping: read at once.
  const stat = attempt(() => procfs.readText(`${base}/stat`));
  if (stat.denied) return 'denied';
  const parsed = stat.value === null ? null : parseProcStat(stat.value);
  if (!parsed) return 'gone';
  const status = attempt(() => procfs.readText(`${base}/status`));
  const cgroup = attempt(() => procfs.readText(`${base}/cgroup`));
  const exe = attempt(() => procfs.readLink(`${base}/exe`));
  // cmdline reads the process's memory and may wait on it: through the thread pool.
  const cmdline = await attemptAsync(() => view.readFile(`${base}/cmdline`));
  // status and cmdline exist for every process, kernel threads included: missing means it exited meanwhile.
  if ((status.value === null && !status.denied) || (cmdline.value === null && !cmdline.denied)) return 'gone';
  return {
    pid,
    ppid: parsed.ppid,
    uid: status.value === null ? null : parseStatusUid(status.value),
    comm: parsed.comm,
    state: parsed.state,
    argv: cmdline.value === null ? [] : parseCmdline(cmdline.value),
    exe: exe.value,
    exeNotVisible: exe.denied,
    startTime: bootTime === null ? null : startTimeOf(bootTime, parsed.startTicks),
    containerId: cgroup.value === null ? null : parseContainerId(cgroup.value),
  };
}

/** Every process of a live view (one with procfs); a view without running processes has none. */
export async function readProcessTable(view: SystemView): Promise<ProcessTable> {
  const procfs = view.procfs;
  if (!procfs) return { processes: [], notVisible: 0 };
  const bootText = attempt(() => procfs.readText('/proc/stat'));
  const bootTime = bootText.value === null ? null : parseBootTime(bootText.value);
  const processes: ProcessEntry[] = [];
  let notVisible = 0;
  const entries = await mapLimit(listPids(procfs), 8, (pid) => readEntry(view, procfs, pid, bootTime));
  for (const entry of entries) {
    if (entry === 'gone') continue;
    if (entry === 'denied') notVisible++;
    else processes.push(entry);
  }
  return { processes, notVisible };
}

const DELETED_SUFFIX = ' (deleted)';

/** The executable's path without the " (deleted)" the kernel appends once the file is unlinked. */
export function executablePath(exe: string): string {
  return exe.endsWith(DELETED_SUFFIX) ? exe.slice(0, -DELETED_SUFFIX.length) : exe;
}
