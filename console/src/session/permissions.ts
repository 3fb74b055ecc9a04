// What the signed-in user may do, to hide buttons the server would refuse anyway. The server's
// table (src/server/auth/roles.ts) is the authority and still checks every request; this mirrors
// only the one permission the console asks about, so a stale copy costs a 403, never access.
import type { Role } from '../api/types.js';

const MANAGERS: readonly Role[] = ['owner', 'admin', 'platform_security'];

/** Hosts, orders and enrollment tokens are managed with the `manage` permission. */
export function canManage(role: Role): boolean {
  return MANAGERS.includes(role);
}

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  analyst: 'Analyst',
  viewer: 'Viewer',
  platform_security: 'Platform security',
};

const TRIAGERS: readonly Role[] = ['owner', 'admin', 'analyst', 'platform_security'];

/** Event statuses (handled, ignored, whitelisted, reopened) are set with the `triage` permission. */
export function canTriage(role: Role): boolean {
  return TRIAGERS.includes(role);
}

/** Platform operations (tenants, the shared advisory database) need the `platform` permission. */
export function canOperatePlatform(role: Role): boolean {
  return role === 'platform_security';
}
