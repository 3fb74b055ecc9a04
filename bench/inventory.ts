// Full inventory of this machine (every registered collector over the live host, concurrently,
// as `palisade scan host` runs them) beside the system tools a person would run for part of the
// same answer: `dpkg-query -W`, `ss -tulpn` and `ps -eo …`, timed one after the other in the
// same run, and the physical floor of the disk kinds measured with the system's tools (find over
// the disk, sha1sum of every Java archive). CPU includes the children each side waits for.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { Collector } from '../src/collectors/collector.js';
import { collectors } from '../src/collectors/index.js';
import { collectInventory } from '../src/scan/inventory-scanner.js';
import { HostView } from '../src/view/host-view.js';
import type { Bench } from './bench.js';

const run = promisify(execFile);
const TICKS_PER_SECOND = 100; // USER_HZ on Linux (proc(5))

/** CPU seconds of this process and its waited-for children, from /proc/self/stat. */
function cpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
  // utime, stime, cutime, cstime are fields 14-17; after the comm field they are at 11-14.
  return ((fields[11] ?? 0) + (fields[12] ?? 0) + (fields[13] ?? 0) + (fields[14] ?? 0)) / TICKS_PER_SECOND;
}

async function measure<T>(work: () => Promise<T>): Promise<{ result: T; wallMs: number; cpuMs: number }> {
  const cpu = cpuSeconds();
  const start = performance.now();
  const result = await work();
  return { result, wallMs: Math.round(performance.now() - start), cpuMs: Math.round((cpuSeconds() - cpu) * 1000) };
}

const PRUNE = `\\( -path /proc -o -path /sys -o -path /dev -o -path /run \\) -prune -o`;
const PHYSICAL_FLOOR: Record<string, string> = {
  'find / (list every entry)': `find / ${PRUNE} -print > /dev/null`,
  'sha1sum of every .jar/.war/.ear': `find / ${PRUNE} -type f \\( -name '*.jar' -o -name '*.war' -o -name '*.ear' \\) -print0 | xargs -0 -r sha1sum > /dev/null`,
};

const TOOL_KINDS = new Set(['packages', 'ports', 'processes']);

const PEER_COMMANDS: readonly (readonly string[])[] = [
  ['dpkg-query', '-W'],
  ['ss', '-tulpn'],
  ['ps', '-eo', 'pid,ppid,user,lstart,comm,args'],
];

export const inventoryBench: Bench = {
  name: 'inventory',
  async run() {
    const view = new HostView();
    const perCollector: Record<string, { ms: number; items: number; warnings: number }> = {};
    // Each collector timed from the start of the concurrent run to its own end.
    const timed: Collector[] = collectors.map((collector) => ({
      ...collector,
      collect: async (v, context) => {
        const start = performance.now();
        const output = await collector.collect(v, context);
        perCollector[collector.name] = { ms: Math.round(performance.now() - start), items: output.items.length, warnings: output.warnings.length };
        return output;
      },
    }));
    const warnings: unknown[] = [];
    // The kinds the tools also answer, without the collectors that read every file of the
    // disk (jars, web frameworks: `needs.match`), whose cost grows with the disk, not the host.
    const core = await measure(() => collectInventory(view, { now: () => new Date(), warn: () => undefined }, collectors.filter((c) => !c.needs.match)));
    // Only the kinds the tools answer (packages, ports, processes): the like-for-like comparison,
    // though the processes collector also hashes every program, which ps does not.
    const sameKinds = await measure(() => collectInventory(view, { now: () => new Date(), warn: () => undefined }, collectors.filter((c) => TOOL_KINDS.has(c.kind))));
    const palisade = await measure(() => collectInventory(view, { now: () => new Date(), warn: (w) => warnings.push(w) }, timed));

    const tools: Record<string, { wallMs: number; cpuMs: number; lines: number }> = {};
    for (const argv of PEER_COMMANDS) {
      const [file, ...args] = argv as [string, ...string[]];
      try {
        const measured = await measure(() => run(file, args, { maxBuffer: 64 * 1024 * 1024 }));
        tools[argv.join(' ')] = { wallMs: measured.wallMs, cpuMs: measured.cpuMs, lines: measured.result.stdout.split('\n').length - 1 };
      } catch (error) {
        tools[argv.join(' ')] = { wallMs: -1, cpuMs: -1, lines: 0, ...{ error: error instanceof Error ? error.message : String(error) } };
      }
    }
    // The physical floor of the disk kinds, with the system's own tools: listing the disk (find,
    // which stats nothing, as our walk) and hashing every Java archive once (sha1sum), which the
    // jars kind must do for its SHA-1s.
    const floor: Record<string, { wallMs: number; cpuMs: number }> = {};
    for (const [name, script] of Object.entries(PHYSICAL_FLOOR)) {
      try {
        const measured = await measure(() => run('sh', ['-c', script], { maxBuffer: 256 * 1024 * 1024 }));
        floor[name] = { wallMs: measured.wallMs, cpuMs: measured.cpuMs };
      } catch (error) {
        floor[name] = { wallMs: -1, cpuMs: -1, ...{ error: error instanceof Error ? error.message : String(error) } };
      }
    }
    const sum = (key: 'wallMs' | 'cpuMs') => Object.values(tools).reduce((total, t) => total + Math.max(0, t[key]), 0);
    const counts = Object.fromEntries(Object.entries(palisade.result).map(([kind, value]) => [kind, Array.isArray(value) ? value.length : value === null ? 0 : 1]));
    return {
      palisade: { wallMs: palisade.wallMs, cpuMs: palisade.cpuMs, warnings: warnings.length, counts },
      palisadeWithoutFileWalkers: { wallMs: core.wallMs, cpuMs: core.cpuMs, collectors: collectors.filter((c) => !c.needs.match).length },
      palisadeToolKinds: { wallMs: sameKinds.wallMs, cpuMs: sameKinds.cpuMs, kinds: [...TOOL_KINDS] },
      tools: { ...tools, sum: { wallMs: sum('wallMs'), cpuMs: sum('cpuMs') } },
      physicalFloor: floor,
      ratioWall: Math.round((palisade.wallMs / Math.max(1, sum('wallMs'))) * 100) / 100,
      ratioWallWithoutFileWalkers: Math.round((core.wallMs / Math.max(1, sum('wallMs'))) * 100) / 100,
      ratioWallToolKinds: Math.round((sameKinds.wallMs / Math.max(1, sum('wallMs'))) * 100) / 100,
      loadAverage: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number),
      perCollector,
      note: 'palisade answers every fact kind; the tools answer packages, sockets and processes only',
    };
  },
};
