// Runs the agent's disk kinds (web frameworks, jars, language packages) one after another over
// this host with one shared walk, as an agent tick does, in its own process so the bench reads
// this process's peak memory alone: prints {"wallMs","cpuMs","maxRssMB","rows"} on stdout. With
// "none" it only loads the same modules: the process's own floor. Used by bench/disk-tick.ts.
import { SharedDiskWalk } from '../src/collectors/disk-walk/disk-walk.js';
import { collectors } from '../src/collectors/index.js';
import { collectInventory } from '../src/scan/inventory-scanner.js';
import { HostView } from '../src/view/host-view.js';

const kinds = process.argv[2] === 'none' ? [] : ['webFrameworks', 'jars', 'languagePackages'];
const view = new HostView();
const disk = new SharedDiskWalk(view);
const started = performance.now();
const before = process.resourceUsage();
const rows: Record<string, number> = {};
for (const kind of kinds) {
  const inventory = await collectInventory(view, { now: () => new Date(), warn: () => undefined, disk }, collectors.filter((c) => c.kind === kind));
  rows[kind] = ((inventory as unknown as Record<string, unknown[]>)[kind] ?? []).length;
}
const usage = process.resourceUsage();
console.log(
  JSON.stringify({
    wallMs: Math.round(performance.now() - started),
    cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime - before.userCPUTime - before.systemCPUTime) / 1000),
    maxRssMB: Math.round(usage.maxRSS / 1024),
    rows,
  }),
);
