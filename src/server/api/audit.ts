// The audit log of the caller's tenant, newest first.
import { z } from 'zod';
import { AuditEntry } from '../../model/account.js';
import { PageQuery, pageOf } from '../../model/common.js';
import { listAudit } from '../store/audit.js';
import { route } from './route.js';

export const auditRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/audit',
    summary: 'Every change users made in your tenant, newest first',
    tag: 'users',
    access: 'manage',
    query: PageQuery.extend({ action: z.string().max(64).optional() }),
    response: pageOf(AuditEntry),
    async handler({ query, scope }) {
      const page = { limit: query.limit, offset: query.offset };
      return { ...(await listAudit(scope(), page, { action: query.action })), ...page };
    },
  }),
];
