// The `inventory` scanner: every registered collector over one view, assembled into the
// `inventory` section (issue 3). Collectors run concurrently; one that fails unexpectedly becomes
// a warning naming it, and the others' rows still make the report. Kinds a view cannot have
// (processes of a directory) are listed as not applicable instead of looking empty.
import { collectors as registered } from '../collectors/index.js';
import type { Collector } from '../collectors/collector.js';
import { SharedDiskWalk } from '../collectors/disk-walk/disk-walk.js';
import { Inventory, factSchemas, singletonKinds, type FactKind } from '../model/inventory.js';
import type { SystemView } from '../view/system-view.js';
import { renderInventoryTable } from './inventory-table.js';
import type { ScanContext, ViewScanner } from './scanner.js';

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
export async function collectInventory(
  view: SystemView,
  context: Pick<ScanContext, 'now' | 'warn'> & { readonly disk?: SharedDiskWalk },
  collectors: readonly Collector[] = registered,
): Promise<Inventory> {
  const inventory = emptyInventory();
  const runnable = collectors.filter((collector) => view.live || !collector.liveOnly);
  const skippedKinds = new Set(collectors.filter((c) => !runnable.includes(c)).map((c) => c.kind));
  for (const collector of runnable) skippedKinds.delete(collector.kind);
  inventory.notApplicable = [...skippedKinds];

  // Collectors that look for files anywhere on the disk share one walk of it (disk-walk/).
  const disk = context.disk ?? new SharedDiskWalk(view);
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

/** Changes when any collector's version does, so cached inventories are recomputed. */
const inventoryVersion = 1 + registered.reduce((sum, collector) => sum + collector.version, 0);

export const inventoryScanner: ViewScanner = {
  name: 'inventory',
  version: inventoryVersion,
  async scan(view, context) {
    return { inventory: await collectInventory(view, context) };
  },
  renderTable(sections) {
    const inventory = Inventory.safeParse(sections.inventory);
    return inventory.success ? renderInventoryTable(inventory.data) : 'Inventory: not collected\n';
  },
};
