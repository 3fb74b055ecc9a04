// Writes what the disk collectors (jars, web frameworks, language packages) find on this machine
// as sorted JSON, so two versions of the walk can be compared: run it before and after a change
// and diff the files (`node --import tsx scripts/disk-findings.ts before.json`). Rows and warnings
// are listed one per line; the time each collector took is printed, not written.
import { writeFileSync } from 'node:fs';
import { SharedDiskWalk } from '../src/collectors/disk-walk/disk-walk.js';
import { collectors } from '../src/collectors/index.js';
import { HostView } from '../src/view/host-view.js';

const DISK_COLLECTORS = ['jars', 'web-frameworks', 'language-packages'];

async function main(out: string | undefined): Promise<void> {
  if (!out) throw new Error('usage: disk-findings.ts OUT.json');
  const view = new HostView();
  const disk = new SharedDiskWalk(view);
  const found: Record<string, { items: string[]; warnings: string[] }> = {};
  for (const collector of collectors.filter((c) => DISK_COLLECTORS.includes(c.name))) {
    const started = performance.now();
    const output = await collector.collect(view, { now: () => new Date(), disk });
    console.log(`${collector.name}: ${output.items.length} rows, ${output.warnings.length} warnings, ${Math.round(performance.now() - started)} ms`);
    found[collector.name] = { items: output.items.map((item) => JSON.stringify(item)).sort(), warnings: output.warnings.map((warning) => JSON.stringify(warning)).sort() };
  }
  writeFileSync(out, `${JSON.stringify(found, null, 1)}\n`);
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
