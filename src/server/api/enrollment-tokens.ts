// Enrollment tokens: created, listed and revoked by tenant admins.
import { z } from 'zod';
import { Id } from '../../model/common.js';
import { CreateEnrollmentTokenRequest, CreatedEnrollmentToken, EnrollmentToken } from '../../model/host.js';
import { createEnrollmentToken, listEnrollmentTokens, revokeEnrollmentToken } from '../store/enrollment-tokens.js';
import { notFound } from './errors.js';
import { route } from './route.js';

export const enrollmentTokenRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/enrollment-tokens',
    summary: 'List enrollment tokens (their secrets are never shown again)',
    tag: 'agents',
    access: 'manage',
    response: z.object({ items: z.array(EnrollmentToken) }),
    async handler({ scope }) {
      return { items: await listEnrollmentTokens(scope()) };
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/enrollment-tokens',
    summary: 'Create an enrollment token; its secret is in this answer only',
    tag: 'agents',
    access: 'manage',
    body: CreateEnrollmentTokenRequest,
    response: CreatedEnrollmentToken,
    status: 201,
    async handler({ body, scope, user, audit }) {
      const token = await createEnrollmentToken(scope(), { name: body.name, expiresInHours: body.expiresInHours, createdBy: user().userId });
      await audit({ action: 'enrollment_token.created', targetType: 'enrollment_token', targetId: token.id, details: { name: body.name } });
      return token;
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/enrollment-tokens/:id',
    summary: 'Revoke an enrollment token (hosts already enrolled stay enrolled)',
    tag: 'agents',
    access: 'manage',
    params: z.object({ id: Id }),
    response: EnrollmentToken,
    async handler({ params, scope, audit }) {
      const token = await revokeEnrollmentToken(scope(), params.id);
      if (!token) throw notFound('enrollment token');
      await audit({ action: 'enrollment_token.revoked', targetType: 'enrollment_token', targetId: params.id });
      return token;
    },
  }),
];
