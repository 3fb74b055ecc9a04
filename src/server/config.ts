// Server settings: command-line flags override PALISADE_* environment variables, which override
// the embedded defaults. Validated once at start so a typo fails loudly, naming the setting.
import { resolve } from 'node:path';
import { z } from 'zod';

export const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

export const ServerConfig = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  host: z.string().min(1).default('127.0.0.1'),
  dataDir: z.string().min(1).default('./data'),
  databaseUrl: z.string().min(1).optional(),
  adminPassword: z.string().min(12, 'PALISADE_ADMIN_PASSWORD must have at least 12 characters').optional(),
  logLevel: LogLevel.default('info'),
  heartbeatSeconds: z.coerce.number().int().min(1).max(3600).default(30),
  /** A host is offline after this many heartbeat intervals without news. */
  offlineAfterHeartbeats: z.coerce.number().int().min(2).max(100).default(3),
  /** The advisory database file (`palisade db import`); the sample database when unset. */
  advisoryDb: z.string().min(1).optional(),
  /** Every tenant's hosts are matched again this often (new advisories, expired ignore rules). */
  vulnDetectHours: z.coerce.number().int().min(1).max(720).default(24),
  /** Key sealing stored registry credentials (32 bytes, base64 or hex); else `secret.key` in the data directory. */
  secretKey: z.string().min(1).optional(),
  /** Registry image scans running at once in this server. */
  imageScanConcurrency: z.coerce.number().int().min(1).max(4).default(1),
  /**
   * A mirror the server refreshes its advisory database from: a directory of OSV JSON files and
   * all.zip archives, or an http(s) URL of an all.zip or of an index listing several (README).
   */
  advisorySource: z.string().min(1).optional(),
  /** How often the advisory source is checked (a conditional fetch: unchanged costs nothing). */
  advisoryRefreshHours: z.coerce.number().int().min(1).max(720).default(24),
});
export type ServerConfig = z.infer<typeof ServerConfig> & { databaseUrl: string };

/** Environment variable of each setting, as the README lists them. */
export const ENVIRONMENT: Record<keyof z.infer<typeof ServerConfig>, string> = {
  port: 'PALISADE_PORT',
  host: 'PALISADE_HOST',
  dataDir: 'PALISADE_DATA_DIR',
  databaseUrl: 'PALISADE_DATABASE_URL',
  adminPassword: 'PALISADE_ADMIN_PASSWORD',
  logLevel: 'PALISADE_LOG_LEVEL',
  heartbeatSeconds: 'PALISADE_HEARTBEAT_SECONDS',
  offlineAfterHeartbeats: 'PALISADE_OFFLINE_AFTER_HEARTBEATS',
  advisoryDb: 'PALISADE_ADVISORY_DB',
  vulnDetectHours: 'PALISADE_VULN_DETECT_HOURS',
  secretKey: 'PALISADE_SECRET_KEY',
  imageScanConcurrency: 'PALISADE_IMAGE_SCAN_CONCURRENCY',
  advisorySource: 'PALISADE_ADVISORY_SOURCE',
  advisoryRefreshHours: 'PALISADE_ADVISORY_REFRESH_HOURS',
};

export function loadServerConfig(flags: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const raw: Record<string, unknown> = {};
  for (const [key, variable] of Object.entries(ENVIRONMENT)) {
    const value = flags[key] ?? env[variable];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const parsed = ServerConfig.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]) as keyof typeof ENVIRONMENT;
      return `${ENVIRONMENT[key] ?? key}: ${issue.message}`;
    });
    throw new Error(`invalid settings: ${problems.join('; ')}`);
  }
  const dataDir = resolve(parsed.data.dataDir);
  return { ...parsed.data, dataDir, databaseUrl: parsed.data.databaseUrl ?? resolve(dataDir, 'palisade.db') };
}

export function offlineAfterMs(config: Pick<ServerConfig, 'heartbeatSeconds' | 'offlineAfterHeartbeats'>): number {
  return config.heartbeatSeconds * config.offlineAfterHeartbeats * 1000;
}
