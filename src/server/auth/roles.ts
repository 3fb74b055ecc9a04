// What each role may do. Routes name a permission, never a role, so the table below is the one
// place to read who can do what.
import type { Role } from '../../model/account.js';

export type Permission =
  /** See everything in the tenant. */
  | 'read'
  /** Handle events and findings, run scans. */
  | 'triage'
  /** Manage hosts, enrollment tokens, API tokens, users below owner. */
  | 'manage'
  /** Manage owners and the tenant itself. */
  | 'own'
  /** Operate the platform: create and list tenants. */
  | 'platform';

const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ['read'],
  analyst: ['read', 'triage'],
  admin: ['read', 'triage', 'manage'],
  owner: ['read', 'triage', 'manage', 'own'],
  // The people who run the platform can do everything, in every tenant they create.
  platform_security: ['read', 'triage', 'manage', 'own', 'platform'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** A role may hand out (to a user or token) only roles whose permissions it has itself. */
export function canGrant(granter: Role, role: Role): boolean {
  return GRANTS[role].every((permission) => GRANTS[granter].includes(permission));
}
