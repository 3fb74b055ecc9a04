// Resource use of a running system, sampled: CPU busy share over a short interval (two reads of
// /proc/stat), load, memory, disk use per mounted file system (df) and interface counters.
import type { Resources } from '../model/inventory.js';
import type { SystemView } from '../view/system-view.js';
import { Collected, type CollectContext, type Collector } from './collector.js';
import { cpuTimes, parseCpuinfo, parseMeminfo } from './proc-files.js';
import { readTextSafely } from './read-safely.js';

/** Long enough for the kernel's jiffy counters to move, short enough to keep a scan quick. */
export const CPU_SAMPLE_MS = 200;
// Pseudo and memory file systems: their "use" says nothing about disks.
const NOT_DISKS = ['proc', 'sysfs', 'devtmpfs', 'devpts', 'tmpfs', 'cgroup', 'cgroup2', 'mqueue', 'debugfs', 'tracefs', 'securityfs', 'pstore', 'bpf', 'autofs', 'hugetlbfs', 'configfs', 'fusectl', 'binfmt_misc', 'nsfs', 'ramfs', 'squashfs', 'overlay'];

async function disks(view: SystemView, out: Collected<'resources'>): Promise<Resources['disks']> {
  if (!view.run) return [];
  const result = await view.run(['df', '-PT', '-B1', ...NOT_DISKS.flatMap((type) => ['-x', type])], { timeoutMs: 10_000 });
  if (result.exitCode === null) {
    out.warn(`df did not run: ${result.stderr.trim() || 'timed out'}`);
    return [];
  }
  // df exits 1 when one mount cannot be read (a stale NFS mount) and still lists the others.
  const rows: Resources['disks'] = [];
  for (const line of result.stdout.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 7) continue;
    const [device, fsType, total, used, available] = fields;
    rows.push({ mountPoint: fields.slice(6).join(' '), device: device as string, fsType: fsType as string, totalBytes: Number(total), usedBytes: Number(used), availableBytes: Number(available) });
  }
  return rows;
}

function network(text: string | null): Resources['network'] {
  if (text === null) return [];
  return text
    .split('\n')
    .slice(2)
    .filter((line) => line.includes(':'))
    .map((line) => {
      const name = line.slice(0, line.indexOf(':')).trim();
      const f = line.slice(line.indexOf(':') + 1).trim().split(/\s+/).map(Number);
      return { interface: name, rxBytes: f[0] ?? 0, rxPackets: f[1] ?? 0, rxErrors: f[2] ?? 0, txBytes: f[8] ?? 0, txPackets: f[9] ?? 0, txErrors: f[10] ?? 0 };
    });
}

export const resources: Collector<'resources'> = {
  name: 'resources',
  kind: 'resources',
  version: 1,
  liveOnly: true,
  needs: { files: ['/proc/stat', '/proc/loadavg', '/proc/meminfo', '/proc/cpuinfo', '/proc/net/dev'] },
  async collect(view: SystemView, context: CollectContext) {
    const out = new Collected(this);
    const first = cpuTimes((await readTextSafely(view, '/proc/stat', out)) ?? '');
    const diskRows = disks(view, out);
    await new Promise((resolve) => setTimeout(resolve, CPU_SAMPLE_MS));
    const second = cpuTimes((await readTextSafely(view, '/proc/stat', out)) ?? '');
    const elapsed = first && second ? second.total - first.total : 0;
    const usage = first && second && elapsed > 0 ? Math.round((1000 * (elapsed - (second.idle - first.idle))) / elapsed) / 10 : null;
    const load = ((await readTextSafely(view, '/proc/loadavg', out)) ?? '').split(/\s+/).map(Number);
    const memory = parseMeminfo((await readTextSafely(view, '/proc/meminfo', out)) ?? '');
    const cpu = parseCpuinfo((await readTextSafely(view, '/proc/cpuinfo', out)) ?? '');
    const total = memory.get('MemTotal') ?? 0;
    const available = memory.get('MemAvailable') ?? memory.get('MemFree') ?? 0;
    const finite = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? n : null);
    out.items.push({
      sampledAt: context.now().toISOString(),
      cpu: { count: cpu.count, usagePercent: usage, load1: finite(load[0]), load5: finite(load[1]), load15: finite(load[2]) },
      memory: { totalBytes: total, availableBytes: available, usedBytes: total - available, swapTotalBytes: memory.get('SwapTotal') ?? 0, swapFreeBytes: memory.get('SwapFree') ?? 0 },
      disks: await diskRows,
      network: network(await readTextSafely(view, '/proc/net/dev', out)),
    });
    return out.output();
  },
};
