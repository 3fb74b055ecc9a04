// Each tenant's login detection config, kept in memory: ingestion needs it for every reported
// attempt, and it changes rarely. A change through the API forgets the tenant's entry at once;
// entries also expire after a minute so that other server replicas (which do not see the change
// happen) pick it up. Tenant ids are random UUIDs, so one cache serves every server in a process.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { LoginDetectionConfig } from '../../model/login.js';
import { tenantLoginDetectionConfig } from '../store/login-detection-settings.js';
import type { Database } from '../store/schema.js';

const TTL_MS = 60_000;
const MAX_TENANTS = 10_000;

interface Entry {
  readonly config: LoginDetectionConfig;
  readonly loadedAt: number;
}

const entries = new Map<string, Entry>();

export async function loginConfigFor(db: Kysely<Database>, tenantId: string, log?: Logger): Promise<LoginDetectionConfig> {
  const now = Date.now();
  const cached = entries.get(tenantId);
  if (cached && now - cached.loadedAt < TTL_MS) return cached.config;
  const { config, problem } = await tenantLoginDetectionConfig(db, tenantId);
  // A stored config that no longer validates runs on the defaults rather than stopping detection.
  if (problem) log?.warn({ tenantId, problem }, 'login detection settings invalid; using the defaults');
  if (entries.size >= MAX_TENANTS) entries.clear();
  entries.set(tenantId, { config, loadedAt: now });
  return config;
}

/** Called when a tenant's settings change, so the next attempt is judged by the new ones. */
export function forgetLoginConfig(tenantId: string): void {
  entries.delete(tenantId);
}
