// Every agent event processor, one line each; a type claimed twice throws at load.
import { baselineProcessor } from './baseline-processor.js';
import { blockReportProcessor } from './block-report-processor.js';
import type { EventProcessor } from './event-processor.js';
import { inventoryProcessor } from './inventory-processor.js';
import { loginProcessor } from './login-processor.js';

const members: readonly EventProcessor[] = [inventoryProcessor, loginProcessor, baselineProcessor, blockReportProcessor];

export const eventProcessors: ReadonlyMap<string, EventProcessor> = (() => {
  const map = new Map<string, EventProcessor>();
  for (const processor of members) {
    for (const type of processor.types) {
      if (map.has(type)) throw new Error(`agent event type ${type} has two processors`);
      map.set(type, processor);
    }
  }
  return map;
})();
