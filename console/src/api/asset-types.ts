// The inventory and event shapes as the console sees them, inferred from the zod schemas in
// src/model like types.ts (only types cross over, never code).
import type { z } from 'zod';
import type { EventStatus, Severity } from '../../../src/model/common.js';
import type { InventoryItem, InventorySummary, ResourceSample } from '../../../src/model/inventory-api.js';
import type { SecurityEvent } from '../../../src/model/event.js';
import type { Fact, FactKind } from '../../../src/model/inventory.js';

export type { EventStatus, Fact, InventoryItem, SecurityEvent, Severity };
/** The kinds that are lists of rows (the rest describe the host as one object). */
export type ListFactKind = Exclude<FactKind, 'host' | 'resources'>;
export type InventorySummary = z.infer<typeof InventorySummary>;
export type ResourceSample = z.infer<typeof ResourceSample>;

/** GET /api/v1/inventory/:kind and /api/v1/hosts/:id/inventory/:kind. */
export interface InventoryPage {
  readonly items: InventoryItem[];
  readonly total: number;
  /** Distinct hosts among all matches, not only this page. */
  readonly hosts: number;
  readonly limit: number;
  readonly offset: number;
}

export interface EventPage {
  readonly items: SecurityEvent[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}
