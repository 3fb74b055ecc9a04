// API tokens for automation. A token acts with a role no stronger than its creator's.
import { z } from 'zod';
import { ApiToken, CreateApiTokenRequest, CreatedApiToken } from '../../model/account.js';
import { Id } from '../../model/common.js';
import { canGrant } from '../auth/roles.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../store/api-tokens.js';
import { forbidden, notFound } from './errors.js';
import { route } from './route.js';

export const apiTokenRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/api-tokens',
    summary: 'List API tokens of your tenant',
    tag: 'users',
    access: 'manage',
    response: z.object({ items: z.array(ApiToken) }),
    async handler({ scope }) {
      return { items: await listApiTokens(scope()) };
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/api-tokens',
    summary: 'Create an API token (Authorization: Bearer); its secret is in this answer only',
    tag: 'users',
    access: 'manage',
    body: CreateApiTokenRequest,
    response: CreatedApiToken,
    status: 201,
    async handler({ body, scope, user, audit }) {
      const caller = user();
      const role = body.role ?? caller.role;
      if (!canGrant(caller.role, role)) throw forbidden(`your role cannot create ${role} tokens`);
      const token = await createApiToken(scope(), caller.userId, body.name, role);
      await audit({ action: 'api_token.created', targetType: 'api_token', targetId: token.id, details: { name: body.name, role } });
      return token;
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/api-tokens/:id',
    summary: 'Revoke an API token',
    tag: 'users',
    access: 'manage',
    params: z.object({ id: Id }),
    response: ApiToken,
    async handler({ params, scope, audit }) {
      const token = await revokeApiToken(scope(), params.id);
      if (!token) throw notFound('API token');
      await audit({ action: 'api_token.revoked', targetType: 'api_token', targetId: params.id });
      return token;
    },
  }),
];
