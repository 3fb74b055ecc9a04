// Every API route, one file per resource. A new resource adds one line here.
import { advisoryDatabaseRoutes } from './advisory-database.js';
import { agentRoutes } from './agent.js';
import { apiTokenRoutes } from './api-tokens.js';
import { auditRoutes } from './audit.js';
import { baselineScheduleRoutes } from './baseline-schedules.js';
import { baselineRoutes } from './baselines.js';
import { blockRoutes } from './blocks.js';
import { authRoutes } from './auth.js';
import { enrollmentTokenRoutes } from './enrollment-tokens.js';
import { eventRoutes } from './events.js';
import { eventWhitelistRoutes } from './event-whitelist.js';
import { hostGroupRoutes } from './host-groups.js';
import { hostRoutes } from './hosts.js';
import { imageRoutes } from './images.js';
import { inventoryRoutes } from './inventory.js';
import { loginSettingsRoutes } from './login-settings.js';
import { registryRoutes } from './registries.js';
import type { AnyRoute } from './route.js';
import { tenantRoutes } from './tenants.js';
import { userRoutes } from './users.js';
import { vulnerabilityRoutes } from './vulnerabilities.js';
import { whitelistRoutes } from './whitelists.js';

export const apiRoutes: readonly AnyRoute[] = [
  ...authRoutes,
  ...userRoutes,
  ...apiTokenRoutes,
  ...auditRoutes,
  ...tenantRoutes,
  ...hostRoutes,
  ...hostGroupRoutes,
  ...enrollmentTokenRoutes,
  ...inventoryRoutes,
  ...eventRoutes,
  ...whitelistRoutes,
  ...eventWhitelistRoutes,
  ...loginSettingsRoutes,
  ...blockRoutes,
  ...baselineRoutes,
  ...baselineScheduleRoutes,
  ...vulnerabilityRoutes,
  ...registryRoutes,
  ...imageRoutes,
  ...advisoryDatabaseRoutes,
  ...agentRoutes,
];
