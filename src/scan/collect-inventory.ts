// Runs a given set of collectors over one view and assembles the `inventory` section. Collectors
// run concurrently; one that fails unexpectedly becomes a warning naming it, and the others' rows
// still make the report. Kinds a view cannot have (processes of a directory) are listed as not
// applicable instead of looking empty. Kept apart from the collector registry: the agent collects
// its every-minute kinds with this and should not load every collector to do so.
import type { Collector } from '../collectors/collector.js';
import type { SharedDiskWalk } from '../collectors/disk-walk/disk-walk.js';
import { factSchemas, singletonKinds, type FactKind, type Inventory } from '../model/inventory.js';
import type { SystemView } from '../view/system-view.js';
import type { ScanContext } from './scanner.js';

type Lists = { [K in Exclude<FactKind, (typeof singletonKinds)[number]>]: unknown[] };

function emptyInventory(): Inventory {
  const lists = Object.fromEntries(
    Object.keys(factSchemas)
      .filter((kind) => !(singletonKinds as readonly string[]).includes(kind))
      .map((kind) => [kind, []]),
  ) as unknown as Lists;
  return { host: null, resources: null, ...lists, notVisible: [], notApplicable: [] } as Inventory;
}

/** Runs `collectors` over `view` and assembles the inventory; warnings go to `context`. */
export async function collectInventory(view: SystemView, context: Pick<ScanContext, 'now' | 'warn'> & { readonly disk?: SharedDiskWalk }, collectors: readonly Collector[]): Promise<Inventory> {
  const inventory = emptyInventory();
  const runnable = collectors.filter((collector) => view.live || !collector.liveOnly);
  const skippedKinds = new Set(collectors.filter((c) => !runnable.includes(c)).map((c) => c.kind));
  for (const collector of runnable) skippedKinds.delete(collector.kind);
  inventory.notApplicable = [...skippedKinds];

  // Collectors that look for files anywhere on the disk share one walk of it (disk-walk/).
  const walks = runnable.some((collector) => collector.needs.match);
  const disk = context.disk ?? (walks ? new (await import('../collectors/disk-walk/disk-walk.js')).SharedDiskWalk(view) : undefined);
  const outputs = await Promise.all(
    runnable.map(async (collector) => {
      try {
        return { collector, output: await collector.collect(view, { now: context.now, disk }) };
      } catch (error) {
        context.warn({ source: collector.name, message: `collector failed: ${error instanceof Error ? error.message : String(error)}` });
        return null;
      }
    }),
  );
  const target = inventory as unknown as Record<string, unknown>;
  for (const result of outputs) {
    if (!result) continue;
    const { collector, output } = result;
    for (const warning of output.warnings) context.warn(warning);
    inventory.notVisible.push(...output.notVisible);
    if ((singletonKinds as readonly string[]).includes(collector.kind)) {
      target[collector.kind] = output.items[0] ?? null;
    } else {
      (target[collector.kind] as unknown[]).push(...output.items);
    }
  }
  return inventory;
}
