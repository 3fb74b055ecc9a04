// The system itself: OS release, kernel, hostname, addresses, machine-id, CPU and memory. A root
// filesystem or image has an OS release, a hostname file and maybe a machine-id; kernel,
// addresses, CPUs and memory belong to a running system and are null elsewhere.
import type { HostInfo } from '../model/inventory.js';
import type { SystemView } from '../view/system-view.js';
import { Collected, type Collector } from './collector.js';
import { parseCpuinfo, parseMeminfo, parseOsRelease } from './proc-files.js';
import { readTextSafely } from './read-safely.js';

const OS_RELEASE = ['/etc/os-release', '/usr/lib/os-release'];
const MACHINE_ID = ['/etc/machine-id', '/var/lib/dbus/machine-id'];
/** Where a distribution records its architecture when no kernel can be asked. */
const ARCH_FILES = ['/etc/apk/arch', '/var/lib/dpkg/arch'];

async function firstText(view: SystemView, paths: readonly string[], out: Collected<'host'>): Promise<string | null> {
  for (const path of paths) {
    const text = await readTextSafely(view, path, out, 64 * 1024);
    if (text !== null) return text;
  }
  return null;
}

/** `ip -o addr show`: "4: eth0    inet 192.0.2.2/24 brd … scope global eth0\ …". */
export function parseIpAddr(text: string): HostInfo['addresses'] {
  const addresses: HostInfo['addresses'] = [];
  for (const line of text.split('\n')) {
    const match = /^\d+:\s+(\S+)\s+(inet6?)\s+([^/\s]+)/.exec(line);
    if (match) addresses.push({ interface: (match[1] as string).replace(/@.*$/, ''), address: match[3] as string, family: match[2] === 'inet6' ? 'ipv6' : 'ipv4' });
  }
  return addresses;
}

async function addresses(view: SystemView, out: Collected<'host'>): Promise<HostInfo['addresses']> {
  if (!view.live || !view.run) return [];
  const result = await view.run(['ip', '-o', 'addr', 'show'], { timeoutMs: 10_000 });
  if (result.exitCode !== 0) {
    out.warn(`ip -o addr show failed: ${result.stderr.trim() || `exit ${result.exitCode}`}`);
    return [];
  }
  return parseIpAddr(result.stdout);
}

async function architecture(view: SystemView, out: Collected<'host'>): Promise<string | null> {
  if (view.live) {
    const arch = (await readTextSafely(view, '/proc/sys/kernel/arch', out))?.trim();
    if (arch) return arch;
    if (view.run) {
      const uname = await view.run(['uname', '-m'], { timeoutMs: 5_000 });
      if (uname.exitCode === 0 && uname.stdout.trim()) return uname.stdout.trim();
    }
  }
  return (await firstText(view, ARCH_FILES, out))?.trim().split('\n')[0] || null;
}

export const hostInfo: Collector<'host'> = {
  name: 'host-info',
  kind: 'host',
  version: 1,
  liveOnly: false,
  needs: { files: [...OS_RELEASE, ...MACHINE_ID, ...ARCH_FILES, '/etc/hostname'] },
  async collect(view: SystemView) {
    const out = new Collected(this);
    const os = parseOsRelease((await firstText(view, OS_RELEASE, out)) ?? '');
    const live = view.live;
    const hostname = live ? await readTextSafely(view, '/proc/sys/kernel/hostname', out) : await readTextSafely(view, '/etc/hostname', out);
    const release = live ? (await readTextSafely(view, '/proc/sys/kernel/osrelease', out))?.trim() : undefined;
    const version = live ? (await readTextSafely(view, '/proc/sys/kernel/version', out))?.trim() : undefined;
    const machineId = (await firstText(view, MACHINE_ID, out))?.trim();
    const cpu = live ? parseCpuinfo((await readTextSafely(view, '/proc/cpuinfo', out)) ?? '') : null;
    const memory = live ? parseMeminfo((await readTextSafely(view, '/proc/meminfo', out)) ?? '') : null;
    const btime = live ? /^btime\s+(\d+)$/m.exec((await readTextSafely(view, '/proc/stat', out)) ?? '')?.[1] : undefined;
    out.items.push({
      hostname: hostname?.trim().split('\n')[0] || null,
      os: {
        id: os.get('ID') ?? null,
        idLike: (os.get('ID_LIKE') ?? '').split(/\s+/).filter(Boolean),
        name: os.get('NAME') ?? null,
        version: os.get('VERSION') ?? null,
        versionId: os.get('VERSION_ID') ?? null,
        prettyName: os.get('PRETTY_NAME') ?? null,
      },
      kernel: release ? { release, version: version || null } : null,
      architecture: await architecture(view, out),
      addresses: await addresses(view, out),
      // machine-id(5): 32 lower-case hex digits; "uninitialized" or empty in images.
      machineId: machineId && /^[0-9a-f]{32}$/.test(machineId) ? machineId : null,
      cpuCount: cpu && cpu.count > 0 ? cpu.count : null,
      cpuModel: cpu?.model ?? null,
      memoryBytes: memory?.get('MemTotal') ?? null,
      bootTime: btime ? new Date(Number(btime) * 1000).toISOString() : null,
    });
    return out.output();
  },
};
