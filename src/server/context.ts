// What every part of a running server shares: the store, settings, clock, log, bus, metrics and
// the advisory database with the vulnerability detection behind it.
import type { Logger } from 'pino';
import type { LiveAdvisoryDatabase } from './advisory-database.js';
import type { LoginLimiter } from './auth/login-limiter.js';
import type { Bus } from './bus/bus.js';
import type { ServerConfig } from './config.js';
import type { AdvisoryRefresher } from './jobs/advisory-refresh.js';
import type { ImageScanQueue } from './jobs/image-scan-queue.js';
import type { RegistrySync } from './jobs/registry-sync.js';
import type { VulnerabilityDetector } from './jobs/vulnerability-detection.js';
import type { ServerMetrics } from './metrics.js';
import type { SecretBox } from './secret-box.js';
import type { Store } from './store/database.js';
import type { Clock } from './store/tenant-scope.js';

export interface ServerContext {
  readonly store: Store;
  readonly config: ServerConfig;
  readonly clock: Clock;
  readonly log: Logger;
  readonly bus: Bus;
  readonly loginLimiter: LoginLimiter;
  readonly metrics: ServerMetrics;
  /** The advisory database all tenants' findings come from. */
  readonly advisories: LiveAdvisoryDatabase;
  readonly vulnerabilities: VulnerabilityDetector;
  /** Seals and opens stored credentials (registry passwords). */
  readonly secrets: SecretBox;
  readonly registrySync: RegistrySync;
  readonly imageScans: ImageScanQueue;
  /** Refreshes the advisory database from PALISADE_ADVISORY_SOURCE; null without a source. */
  readonly advisoryRefresh: AdvisoryRefresher | null;
}
