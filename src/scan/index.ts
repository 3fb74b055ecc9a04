// Registry of scanners selectable with --scanners. One line per scanner; duplicates throw.
import type { ViewScanner } from './scanner.js';
import { secretScanner } from './secret-scanner.js';
import { malwareScanner } from './malware-scanner.js';
import { vulnScanner } from './vuln-scanner.js';
import { inventoryScanner } from './inventory-scanner.js';
import { baselineScanner } from './baseline-scanner.js';

const members: readonly ViewScanner[] = [
  inventoryScanner,
  secretScanner,
  malwareScanner,
  vulnScanner,
  baselineScanner,
];

export const scanners: ReadonlyMap<string, ViewScanner> = (() => {
  const map = new Map<string, ViewScanner>();
  for (const scanner of members) {
    if (map.has(scanner.name)) throw new Error(`duplicate scanner ${scanner.name}`);
    map.set(scanner.name, scanner);
  }
  return map;
})();
