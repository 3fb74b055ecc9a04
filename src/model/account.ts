// Tenants, users, roles, API tokens and the audit log as the API shows them.
import { z } from 'zod';
import { Id, Timestamp } from './common.js';

/**
 * Roles inside a tenant, strongest first; `platform_security` is for the people who run the
 * Palisade platform itself: they manage tenants, and act as admin in their own tenant.
 */
export const Role = z.enum(['owner', 'admin', 'analyst', 'viewer', 'platform_security']);
export type Role = z.infer<typeof Role>;

export const Username = z.string().min(1).max(64).regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only');
export const Password = z.string().min(12, 'at least 12 characters').max(256);

export const LoginRequest = z.object({ username: z.string().min(1).max(256), password: z.string().min(1).max(1024) });
export const ChangePasswordRequest = z.object({ currentPassword: z.string().min(1).max(1024), newPassword: Password });

export const User = z.object({
  id: Id,
  tenantId: Id,
  username: Username,
  role: Role,
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: Timestamp,
});
export type User = z.infer<typeof User>;

export const Me = User.extend({ tenantName: z.string() });
export type Me = z.infer<typeof Me>;

export const CreateUserRequest = z.object({ username: Username, password: Password, role: Role });
export const UpdateUserRequest = z.object({ role: Role.optional(), disabled: z.boolean().optional() });

export const Tenant = z.object({ id: Id, name: z.string(), createdAt: Timestamp });
export type Tenant = z.infer<typeof Tenant>;
export const CreateTenantRequest = z.object({ name: z.string().min(1).max(128), ownerUsername: Username, ownerPassword: Password });

export const ApiToken = z.object({
  id: Id,
  name: z.string(),
  role: Role,
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;
export const CreateApiTokenRequest = z.object({ name: z.string().min(1).max(128), role: Role.optional() });
export const CreatedApiToken = ApiToken.extend({ token: z.string().describe('shown once; store it now') });

export const AuditEntry = z.object({
  id: z.number().int(),
  actorId: Id.nullable(),
  actorName: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  sourceIp: z.string().nullable(),
  at: Timestamp,
});
export type AuditEntry = z.infer<typeof AuditEntry>;
