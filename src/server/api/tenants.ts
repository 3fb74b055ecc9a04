// Tenants: created and listed by the platform-security role only.
import { z } from 'zod';
import { CreateTenantRequest, Tenant } from '../../model/account.js';
import { hashPassword } from '../auth/passwords.js';
import { TenantScope } from '../store/tenant-scope.js';
import { createTenant, findTenantByName, listTenants } from '../store/tenants.js';
import { createUser, findUserByUsername } from '../store/users.js';
import { ApiError } from './errors.js';
import { route } from './route.js';

export const tenantRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/tenants',
    summary: 'List tenants (platform security only)',
    tag: 'platform',
    access: 'platform',
    response: z.object({ items: z.array(Tenant) }),
    async handler({ server }) {
      return { items: await listTenants(server.store.db) };
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/tenants',
    summary: 'Create a tenant with its first owner (platform security only)',
    tag: 'platform',
    access: 'platform',
    body: CreateTenantRequest,
    response: Tenant,
    status: 201,
    async handler({ body, server, audit }) {
      if (await findTenantByName(server.store.db, body.name)) throw new ApiError(409, 'conflict', 'a tenant with that name exists');
      if (await findUserByUsername(server.store.db, body.ownerUsername)) throw new ApiError(409, 'conflict', 'that user name is taken');
      const tenant = await createTenant(server.store.db, body.name, server.clock());
      await createUser(new TenantScope(server.store.db, tenant.id, server.clock), {
        username: body.ownerUsername,
        passwordHash: await hashPassword(body.ownerPassword),
        role: 'owner',
        mustChangePassword: true,
      });
      await audit({ action: 'tenant.created', targetType: 'tenant', targetId: tenant.id, details: { name: body.name, owner: body.ownerUsername } });
      return tenant;
    },
  }),
];
