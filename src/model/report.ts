// The report `palisade scan` writes with --format json, and whose JSON Schema `palisade schema
// report` prints. Each scanner fills its own top-level section; a scanner with a schema adds
// one line to `sections` below. Sections without one yet pass through unchecked.
import { z } from 'zod';
import { ScanWarning, Timestamp } from './common.js';
import { Inventory } from './inventory.js';
import { BaselineSection } from './baseline.js';
import { ImageFacts, ImageHistory } from './image.js';
import { Vulnerability, VulnerabilityScanSummary } from './advisory.js';

export const REPORT_SCHEMA_VERSION = 1;

export const ScanTarget = z.object({
  kind: z.enum(['host', 'dir', 'container', 'image']),
  name: z.string(),
});

const sections = {
  inventory: Inventory.optional(),
  baseline: BaselineSection.optional(),
  image: ImageFacts.optional(),
  history: ImageHistory.optional(),
  vulnerabilities: z.array(Vulnerability).optional(),
  vulnerabilityScan: VulnerabilityScanSummary.optional(),
};

export const Report = z.looseObject({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  palisadeVersion: z.string(),
  target: ScanTarget,
  startedAt: Timestamp,
  finishedAt: Timestamp,
  /** The scanners that ran and their versions (a change of version means results may differ). */
  scanners: z.array(z.object({ name: z.string(), version: z.number().int() })),
  ...sections,
  warnings: z.array(ScanWarning),
});
export type Report = z.infer<typeof Report>;
