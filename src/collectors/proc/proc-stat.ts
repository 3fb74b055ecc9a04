// Parsers for the per-process files of /proc (proc(5)): stat, status and cgroup. Pure text in,
// data out, so the process and port collectors share them and tests feed them real lines.

export interface ProcStat {
  readonly pid: number;
  /** The kernel's 15-character command name (task comm). */
  readonly comm: string;
  readonly state: string;
  readonly ppid: number;
  /** Field 22: start time in clock ticks after boot. */
  readonly startTicks: number;
}

/**
 * Parses /proc/PID/stat. The comm field may itself hold spaces and ")" (a process can name itself
 * anything), so the fields after it are found from the *last* ")" (proc(5), "/proc/pid/stat").
 */
export function parseProcStat(text: string): ProcStat | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const pid = Number(text.slice(0, open).trim());
  const rest = text.slice(close + 2).trim().split(' ');
  // rest[0] is field 3 (state); field N sits at rest[N - 3].
  const state = rest[0];
  const ppid = Number(rest[1]);
  const startTicks = Number(rest[19]);
  if (!Number.isInteger(pid) || state === undefined || !Number.isInteger(ppid) || !Number.isFinite(startTicks)) return null;
  return { pid, comm: text.slice(open + 1, close), state, ppid, startTicks };
}

/** The real uid from /proc/PID/status ("Uid:\treal\teffective\tsaved\tfs"). */
export function parseStatusUid(text: string): number | null {
  const match = /^Uid:\s+(\d+)/m.exec(text);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** "btime" of /proc/stat: boot time in seconds since the epoch. */
export function parseBootTime(text: string): number | null {
  const match = /^btime\s+(\d+)/m.exec(text);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/**
 * USER_HZ, the unit of /proc tick counts. It is part of the kernel ABI and 100 on every
 * architecture Linux exports it for (sysconf(_SC_CLK_TCK)); Node has no sysconf to ask.
 */
export const USER_HZ = 100;

export function startTimeOf(bootTimeSeconds: number, startTicks: number): string {
  return new Date(Math.round((bootTimeSeconds + startTicks / USER_HZ) * 1000)).toISOString();
}

// A container runtime names the process's cgroup after the 64-hex container id: Docker
// ("/docker/<id>", "docker-<id>.scope"), containerd ("cri-containerd-<id>.scope"), CRI-O
// ("crio-<id>.scope"), Podman ("libpod-<id>.scope/container"), Kubernetes ("/kubepods/…/<id>").
const CONTAINER_ID = /(?:^|[/-])([0-9a-f]{64})(?:\.scope)?(?:\/|$)/;

/** The container id in /proc/PID/cgroup, or null for a process of the host. */
export function parseContainerId(cgroupText: string): string | null {
  for (const line of cgroupText.split('\n')) {
    // "hierarchy-ID:controller-list:cgroup-path"; the path may itself contain ':'.
    const path = line.split(':').slice(2).join(':');
    const match = CONTAINER_ID.exec(path);
    if (match?.[1] !== undefined) return match[1];
  }
  return null;
}

/**
 * /proc/PID/cmdline: arguments separated (and ended) by NUL; kernel threads have none. A process
 * that retitles itself (PostgreSQL's "postgres: checkpointer") writes over its argument area and
 * leaves it padded with NULs; like ps, trailing NULs are dropped before splitting.
 */
export function parseCmdline(bytes: Buffer): string[] {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return end === 0 ? [] : bytes.toString('utf8', 0, end).split('\0');
}
