// Security baselines across the fleet (issue 7 part 4): checks with their affected hosts and pass
// rate, latest results per host and per check, pass rates per policy and per host, each host's run
// history, every scan's result per check (history and daily trend), and ignore rules. "Detect
// now" is the host order `baseline_scan` (POST /api/v1/hosts/:id/orders).
import { z } from 'zod';
import { BaselineCheckQuery, BaselineCheckSummary, BaselineIgnoreRule, BaselinePolicySummary, BaselineResultQuery, BaselineRun, CreateBaselineIgnoreRule, HostBaseline, HostBaselineCheck } from '../../model/baseline-api.js';
import { BaselineCheckHistoryEntry, BaselineHistoryQuery, BaselineHostSummary, BaselineTrendDay } from '../../model/baseline-schedule.js';
import { Id, PageQuery, pageOf } from '../../model/common.js';
import { offlineAfterMs } from '../config.js';
import { checkTrend, HISTORY_KEPT_DAYS, listCheckHistory } from '../store/baseline-check-history.js';
import { summarizeBaselineHosts } from '../store/baseline-host-rates.js';
import { createIgnoreRule, deleteIgnoreRule, listIgnoreRules } from '../store/baseline-ignores.js';
import { unknownHostGroups } from '../store/host-groups.js';
import { hostPassRate, listBaselineResults, listBaselineRuns, summarizeBaselineChecks, summarizeBaselinePolicies } from '../store/baseline-results.js';
import { getHost } from '../store/hosts.js';
import { badRequest, notFound } from './errors.js';
import { route } from './route.js';

/** More checks than any host runs (the CIS policies have a few hundred each). */
const HOST_CHECK_LIMIT = 20_000;
const flag = (value: 'true' | 'false' | undefined) => (value === undefined ? undefined : value === 'true');

export const baselineRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/baselines/policies',
    summary: 'Baseline policies with results in the tenant: checks, hosts, failing results and pass rate (on one host with ?hostId=…)',
    tag: 'baselines',
    access: 'read',
    query: z.object({ hostId: Id.optional() }),
    response: z.object({ items: z.array(BaselinePolicySummary) }),
    async handler({ query, scope }) {
      return { items: await summarizeBaselinePolicies(scope(), query) };
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/baselines/checks',
    summary: 'Baseline checks across hosts: how many hosts fail each (ignored ones apart) and its pass rate; most affected first',
    tag: 'baselines',
    access: 'read',
    query: PageQuery.extend(BaselineCheckQuery.shape),
    response: pageOf(BaselineCheckSummary),
    async handler({ query, scope }) {
      const page = { limit: query.limit, offset: query.offset };
      return { ...(await summarizeBaselineChecks(scope(), { policyId: query.policyId, severity: query.severity, q: query.q, failing: flag(query.failing) }, page)), ...page };
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/baselines/results',
    summary: "Latest check results across hosts; one check's affected hosts: ?policyId=…&checkId=…&result=failed",
    tag: 'baselines',
    access: 'read',
    query: PageQuery.extend(BaselineResultQuery.shape),
    response: pageOf(HostBaselineCheck),
    async handler({ query, scope }) {
      const page = { limit: query.limit, offset: query.offset };
      const filter = { policyId: query.policyId, checkId: query.checkId, hostId: query.hostId, result: query.result, severity: query.severity, ignored: flag(query.ignored) };
      return { ...(await listBaselineResults(scope(), filter, page)), ...page };
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/hosts/:id/baseline',
    summary: "The host's latest baseline results (failing first), its pass rate and last run",
    tag: 'baselines',
    access: 'read',
    params: z.object({ id: Id }),
    query: BaselineResultQuery.pick({ policyId: true, result: true, severity: true }),
    response: HostBaseline,
    async handler({ params, query, scope, server }) {
      if (!(await getHost(scope(), params.id, offlineAfterMs(server.config)))) throw notFound('host');
      const [results, runs, passRate] = await Promise.all([
        listBaselineResults(scope(), { ...query, hostId: params.id }, { limit: HOST_CHECK_LIMIT, offset: 0 }),
        listBaselineRuns(scope(), params.id, { limit: 1, offset: 0 }),
        hostPassRate(scope(), params.id),
      ]);
      return { lastRun: runs.items[0] ?? null, passRate, items: results.items };
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/hosts/:id/baseline/history',
    summary: "The host's baseline runs, newest first, with their counts and failing checks",
    tag: 'baselines',
    access: 'read',
    params: z.object({ id: Id }),
    query: PageQuery,
    response: pageOf(BaselineRun),
    async handler({ params, query, scope, server }) {
      if (!(await getHost(scope(), params.id, offlineAfterMs(server.config)))) throw notFound('host');
      const page = { limit: query.limit, offset: query.offset };
      return { ...(await listBaselineRuns(scope(), params.id, page)), ...page };
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/baselines/history',
    summary: "Result intervals (a check's result on a host from its first to its last confirming scan), latest first; one check's history: ?policyId=…&checkId=… (and &hostId=… for one host)",
    tag: 'baselines',
    access: 'read',
    query: PageQuery.extend(BaselineHistoryQuery.shape),
    response: pageOf(BaselineCheckHistoryEntry),
    async handler({ query, scope }) {
      const page = { limit: query.limit, offset: query.offset };
      return { ...(await listCheckHistory(scope(), query, page)), ...page };
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/baselines/trend',
    summary: "Results per UTC day (each host's last scan of the day) with the pass rate, oldest first; filter by policy, check and host",
    tag: 'baselines',
    access: 'read',
    query: BaselineHistoryQuery.extend({ days: z.coerce.number().int().min(1).max(HISTORY_KEPT_DAYS).default(30) }),
    response: z.object({ items: z.array(BaselineTrendDay) }),
    async handler({ query, scope }) {
      return { items: await checkTrend(scope(), query, query.days) };
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/baselines/hosts',
    summary: "Each host's pass rate over its latest results (of one policy with ?policyId=…), lowest first",
    tag: 'baselines',
    access: 'read',
    query: PageQuery.extend({ policyId: z.string().max(256).optional() }),
    response: pageOf(BaselineHostSummary),
    async handler({ query, scope }) {
      const page = { limit: query.limit, offset: query.offset };
      return { ...(await summarizeBaselineHosts(scope(), query, page)), ...page };
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/baselines/ignores',
    summary: 'Ignore rules on baseline checks',
    tag: 'baselines',
    access: 'read',
    query: z.object({ policyId: z.string().max(256).optional(), checkId: z.string().max(256).optional(), hostId: Id.optional() }),
    response: z.object({ items: z.array(BaselineIgnoreRule) }),
    async handler({ query, scope }) {
      return { items: await listIgnoreRules(scope(), query) };
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/baselines/ignores',
    summary: 'Ignore a baseline check on one host, a host group or all hosts, with a reason and an optional expiry',
    tag: 'baselines',
    access: 'triage',
    body: CreateBaselineIgnoreRule,
    response: BaselineIgnoreRule,
    status: 201,
    async handler({ body, scope, server, user, audit }) {
      if (body.hostId && !(await getHost(scope(), body.hostId, offlineAfterMs(server.config)))) throw notFound('host');
      if (body.hostGroupId && (await unknownHostGroups(scope(), [body.hostGroupId])).length > 0) throw notFound('host group');
      if (body.expiresAt && Date.parse(body.expiresAt) <= server.clock().getTime()) throw badRequest('expiresAt is in the past');
      const rule = await createIgnoreRule(scope(), { policyId: body.policyId, checkId: body.checkId, hostId: body.hostId ?? null, hostGroupId: body.hostGroupId ?? null, reason: body.reason, expiresAt: body.expiresAt ?? null, createdBy: user().username });
      await audit({ action: 'baseline.ignore_created', targetType: 'baseline_ignore', targetId: rule.id, details: { policyId: rule.policyId, checkId: rule.checkId, hostId: rule.hostId, hostGroupId: rule.hostGroupId, reason: rule.reason, expiresAt: rule.expiresAt } });
      return rule;
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/baselines/ignores/:id',
    summary: 'Lift an ignore rule: its checks raise events again when they fail',
    tag: 'baselines',
    access: 'triage',
    params: z.object({ id: Id }),
    response: BaselineIgnoreRule,
    async handler({ params, scope, audit }) {
      const rule = await deleteIgnoreRule(scope(), params.id);
      if (!rule) throw notFound('ignore rule');
      await audit({ action: 'baseline.ignore_deleted', targetType: 'baseline_ignore', targetId: rule.id, details: { policyId: rule.policyId, checkId: rule.checkId, hostId: rule.hostId } });
      return rule;
    },
  }),
];
