// The `inventory` scanner: every registered collector over one view, assembled into the
// `inventory` section (issue 3) by collect-inventory.ts.
import { collectors as registered } from '../collectors/index.js';
import type { SharedDiskWalk } from '../collectors/disk-walk/disk-walk.js';
import { Inventory } from '../model/inventory.js';
import type { SystemView } from '../view/system-view.js';
import { collectInventory as collectWith } from './collect-inventory.js';
import { renderInventoryTable } from './inventory-table.js';
import type { ScanContext, ViewScanner } from './scanner.js';

/** Every registered collector (or the given ones) over `view`; warnings go to `context`. */
export function collectInventory(
  view: SystemView,
  context: Pick<ScanContext, 'now' | 'warn'> & { readonly disk?: SharedDiskWalk },
  collectors = registered,
): Promise<Inventory> {
  return collectWith(view, context, collectors);
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
