// Runs the agent's disk kinds (web frameworks, jars, language packages) one after another over
// this host with one shared walk, as an agent tick does, in its own process so the bench reads
// this process's peak memory alone: prints {"wallMs","cpuMs","maxRssMB","rows"} on stdout. With
// "none" it only loads the same modules: the process's own floor. With a results file (argv[3])
// it keeps per-file results there as the agent does (collectors/disk-walk/file-results.ts): a
// cold tick when the file is absent (everything read, then written), a warm one when an earlier
// tick wrote it (the time includes reading and writing it). Used by bench/disk-tick.ts.
import { SharedDiskWalk } from '../src/collectors/disk-walk/disk-walk.js';
import { FileResults } from '../src/collectors/disk-walk/file-results.js';
import { collectors } from '../src/collectors/index.js';
import { collectInventory } from '../src/scan/inventory-scanner.js';
import { HostView } from '../src/view/host-view.js';

const kinds = process.argv[2] === 'none' ? [] : ['webFrameworks', 'jars', 'languagePackages'];
const resultsFile = process.argv[3];
const view = new HostView();
const started = performance.now();
const before = process.resourceUsage();
const results = resultsFile ? new FileResults(resultsFile, (message) => console.error(message)) : undefined;
const disk = new SharedDiskWalk(view, results, 1); // one archive thread, as the agent has
const rows: Record<string, number> = {};
for (const kind of kinds) {
  const inventory = await collectInventory(view, { now: () => new Date(), warn: () => undefined, disk }, collectors.filter((c) => c.kind === kind));
  rows[kind] = ((inventory as unknown as Record<string, unknown[]>)[kind] ?? []).length;
}
results?.save();
const usage = process.resourceUsage();
console.log(
  JSON.stringify({
    wallMs: Math.round(performance.now() - started),
    cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime - before.userCPUTime - before.systemCPUTime) / 1000),
    maxRssMB: Math.round(usage.maxRSS / 1024),
    rows,
  }),
);
