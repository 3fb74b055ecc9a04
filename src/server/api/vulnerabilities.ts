// Vulnerability findings of the tenant (issue 4 part 4): the list with filters and counts by
// severity, exposure by advisory, one host's findings, "detect now", and ignore rules (audited).
import { z } from 'zod';
import { Id, PageQuery } from '../../model/common.js';
import { AdvisoryExposure, CreateVulnerabilityIgnore, DetectionSummary, FindingFilter, FindingPage, FindingQuery, VulnerabilityIgnore } from '../../model/vulnerability-api.js';
import { listFindings, exposureByAdvisory } from '../store/vulnerability-findings.js';
import { createVulnerabilityIgnore, deleteVulnerabilityIgnore, listVulnerabilityIgnores } from '../store/vulnerability-ignores.js';
import { badRequest, notFound } from './errors.js';
import { route } from './route.js';

const ADVISORY_LIMIT = 1000;

export const vulnerabilityRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/vulnerabilities',
    summary: 'Vulnerability findings, worst first, filtered by host, severity, status, package and advisory (id or CVE), with counts by severity',
    tag: 'vulnerabilities',
    access: 'read',
    query: FindingQuery,
    response: FindingPage,
    async handler({ query, scope }) {
      const page = { limit: query.limit, offset: query.offset };
      return { ...(await listFindings(scope(), query, page)), ...page };
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/vulnerabilities/advisories',
    summary: 'Advisories affecting the fleet with their affected host count (open findings unless a status is given)',
    tag: 'vulnerabilities',
    access: 'read',
    query: FindingFilter.omit({ hostId: true }),
    response: z.object({ items: z.array(AdvisoryExposure) }),
    async handler({ query, scope }) {
      return { items: await exposureByAdvisory(scope(), query, ADVISORY_LIMIT) };
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/hosts/:id/vulnerabilities',
    summary: "One host's vulnerability findings",
    tag: 'vulnerabilities',
    access: 'read',
    params: z.object({ id: Id }),
    query: PageQuery.extend(FindingFilter.omit({ hostId: true }).shape),
    response: FindingPage,
    async handler({ params, query, scope }) {
      const host = await scope().selectFrom('hosts').select('id').where('id', '=', params.id).executeTakeFirst();
      if (!host) throw notFound('host');
      const page = { limit: query.limit, offset: query.offset };
      return { ...(await listFindings(scope(), { ...query, hostId: params.id }, page)), ...page };
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/vulnerabilities/detect',
    summary: "Detect now: match every host's packages against the advisory database",
    tag: 'vulnerabilities',
    access: 'triage',
    response: DetectionSummary,
    async handler({ scope, server, audit }) {
      const summary = await server.vulnerabilities.detectTenant(scope().tenantId);
      await audit({ action: 'vulnerability.detect', targetType: 'tenant', targetId: scope().tenantId, details: { hosts: summary.hosts, found: summary.found, fixed: summary.fixed } });
      return summary;
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/vulnerabilities/ignores',
    summary: 'Ignore rules: findings they cover are `ignored` until the rule expires or is deleted',
    tag: 'vulnerabilities',
    access: 'read',
    response: z.object({ items: z.array(VulnerabilityIgnore) }),
    async handler({ scope }) {
      return { items: await listVulnerabilityIgnores(scope()) };
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/vulnerabilities/ignores',
    summary: 'Create an ignore rule (advisory id or CVE, package, host or host group; all given must hold) with a reason and optional expiry',
    tag: 'vulnerabilities',
    access: 'triage',
    body: CreateVulnerabilityIgnore,
    response: VulnerabilityIgnore,
    status: 201,
    async handler({ body, scope, server, user, audit }) {
      if (body.hostId !== null) {
        const host = await scope().selectFrom('hosts').select('id').where('id', '=', body.hostId).executeTakeFirst();
        if (!host) throw notFound('host');
      }
      if (body.hostGroupId !== null) {
        const group = await scope().selectFrom('host_groups').select('id').where('id', '=', body.hostGroupId).executeTakeFirst();
        if (!group) throw notFound('host group');
      }
      if (body.expiresAt !== null && Date.parse(body.expiresAt) <= server.clock().getTime()) throw badRequest('expiresAt is in the past: the rule would never apply');
      const rule = await createVulnerabilityIgnore(scope(), body, user().username);
      await server.vulnerabilities.reapplyIgnores(scope().tenantId);
      await audit({ action: 'vulnerability_ignore.created', targetType: 'vulnerability_ignore', targetId: rule.id, details: { advisoryId: rule.advisoryId, package: rule.package, hostId: rule.hostId, hostGroupId: rule.hostGroupId, reason: rule.reason, expiresAt: rule.expiresAt } });
      return rule;
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/vulnerabilities/ignores/:id',
    summary: 'Delete an ignore rule: the findings it covered are open again',
    tag: 'vulnerabilities',
    access: 'triage',
    params: z.object({ id: Id }),
    response: VulnerabilityIgnore,
    async handler({ params, scope, server, audit }) {
      const rule = await deleteVulnerabilityIgnore(scope(), params.id);
      if (!rule) throw notFound('vulnerability ignore rule');
      await server.vulnerabilities.reapplyIgnores(scope().tenantId);
      await audit({ action: 'vulnerability_ignore.deleted', targetType: 'vulnerability_ignore', targetId: rule.id, details: { advisoryId: rule.advisoryId, package: rule.package, hostId: rule.hostId, hostGroupId: rule.hostGroupId, reason: rule.reason } });
      return rule;
    },
  }),
];
