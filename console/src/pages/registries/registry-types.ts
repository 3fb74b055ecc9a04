// The registry and image API's shapes as the console sees them, inferred from the zod schemas in
// src/model (only types cross over, never code).
import type { z } from 'zod';
import type { ImageDetail, ImageScan, ImageScanCounts, ImageScanResult, ImageScanStatus, Registry, RegistryImage, RegistryKind, RegistryTestResult, SyncSummary } from '../../../../src/model/registry-api.js';
import type { CreateRegistry, UpdateRegistry } from '../../../../src/model/registry-api.js';

export type { ImageDetail, ImageScan, ImageScanCounts, ImageScanResult, ImageScanStatus, Registry, RegistryImage, RegistryKind, RegistryTestResult, SyncSummary };
export type CreateRegistryBody = z.input<typeof CreateRegistry>;
export type UpdateRegistryBody = z.input<typeof UpdateRegistry>;
export interface ImagePage {
  readonly items: RegistryImage[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}
