// Starts a server: opens (and migrates) the store, creates the first admin when needed, listens.
import type { FastifyInstance } from 'fastify';
import { join } from 'node:path';
import pino from 'pino';
import type { Logger } from 'pino';
import { LiveAdvisoryDatabase } from './advisory-database.js';
import { buildApp } from './app.js';
import { LoginLimiter } from './auth/login-limiter.js';
import { bootstrap } from './bootstrap.js';
import type { BootstrapResult } from './bootstrap.js';
import { MemoryBus } from './bus/memory-bus.js';
import type { ServerConfig } from './config.js';
import type { ServerContext } from './context.js';
import { AdvisoryRefresher } from './jobs/advisory-refresh.js';
import { startBaselineScheduler } from './jobs/baseline-schedules.js';
import { startResourceDownsampling } from './jobs/resource-downsampling.js';
import { ImageScanQueue } from './jobs/image-scan-queue.js';
import { RegistrySync } from './jobs/registry-sync.js';
import { VulnerabilityDetector } from './jobs/vulnerability-detection.js';
import { createMetrics } from './metrics.js';
import { SecretBox } from './secret-box.js';
import { openStore, redact } from './store/database.js';
import type { Clock } from './store/tenant-scope.js';

export interface RunningServer {
  readonly context: ServerContext;
  readonly app: FastifyInstance;
  /** The base URL it listens on, e.g. http://127.0.0.1:8080 */
  readonly url: string;
  readonly bootstrap: BootstrapResult;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly clock?: Clock;
  readonly log?: Logger;
}

export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? pino({ level: config.logLevel, base: { component: 'server' } });
  const clock = options.clock ?? (() => new Date());
  // Before the store opens: a wrong PALISADE_SECRET_KEY fails the start at once, naming it.
  const secrets = SecretBox.load(config.dataDir, config.secretKey);
  const store = await openStore(config.databaseUrl);
  log.info({ store: redact(config.databaseUrl), dialect: store.dialect }, 'store ready');
  const bus = new MemoryBus((topic, error) => log.error({ topic, err: error }, 'bus subscriber failed'));
  // With a mirror, the server keeps its own database file (the configured one, else in the data
  // directory) and replaces it on each successful refresh.
  const refreshedPath = config.advisorySource !== undefined ? (config.advisoryDb ?? join(config.dataDir, 'advisories.db')) : null;
  let advisories: LiveAdvisoryDatabase;
  try {
    advisories = refreshedPath !== null ? await LiveAdvisoryDatabase.openRefreshed(refreshedPath, log) : await LiveAdvisoryDatabase.open(config.advisoryDb, log);
  } catch (error) {
    await store.close();
    throw error;
  }
  const vulnerabilities = new VulnerabilityDetector({ db: store.db, advisories, clock, log });
  const imageScans = new ImageScanQueue({ db: store.db, secrets, advisories, clock, log }, config.imageScanConcurrency);
  const registrySync = new RegistrySync({ db: store.db, secrets, advisories, clock, log }, imageScans);
  const advisoryRefresh =
    refreshedPath !== null && config.advisorySource !== undefined
      ? new AdvisoryRefresher({ source: config.advisorySource, databasePath: refreshedPath, intervalHours: config.advisoryRefreshHours, advisories, detector: vulnerabilities, clock, log })
      : null;
  let stopDownsampling = () => {};
  let stopSchedules = () => {};
  const context: ServerContext = { store, config, clock, log, bus, loginLimiter: new LoginLimiter(clock), metrics: createMetrics(), advisories, vulnerabilities, secrets, registrySync, imageScans, advisoryRefresh };
  try {
    vulnerabilities.start(bus, config.vulnDetectHours * 3600_000);
    await imageScans.start();
    registrySync.start();
    await advisoryRefresh?.start();
    stopDownsampling = startResourceDownsampling(store.db, clock, log);
    stopSchedules = startBaselineScheduler({ db: store.db, bus, log }, clock);
    const firstStart = await bootstrap(store.db, clock, config.adminPassword);
    const app = await buildApp(context);
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
    log.info({ url }, 'server listening');
    return {
      context,
      app,
      url,
      bootstrap: firstStart,
      close: async () => {
        await app.close();
        stopDownsampling();
        stopSchedules();
        await advisoryRefresh?.stop();
        await registrySync.stop();
        await imageScans.stop();
        await vulnerabilities.stop();
        await bus.close();
        advisories.close();
        await store.close();
      },
    };
  } catch (error) {
    stopDownsampling();
    stopSchedules();
    await advisoryRefresh?.stop();
    await registrySync.stop();
    await imageScans.stop();
    await vulnerabilities.stop();
    advisories.close();
    await store.close();
    throw error;
  }
}
