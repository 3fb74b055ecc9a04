// Baseline schedules of the tenant (when the server orders its agents to run which policies) and
// the policies trusted to run command rules. Changes need the manage permission and are audited.
//
// Trust starts empty, Palisade's own policies included: they hold no `c:` rules today, so trusting
// them buys nothing, and a later policy update that added one would otherwise start running a
// command on every host without anyone deciding it. Like Wazuh, whose agents refuse commands from
// policies the manager pushes unless `sca.remote_commands` is turned on, commands run only where
// someone chose to allow them; here that choice is per policy and per tenant, and audited.
import { z } from 'zod';
import { BaselinePolicyTrust, BaselineSchedule, BaselineScheduleRun, CreateBaselineSchedule, SetBaselinePolicyTrust, UpdateBaselineSchedule } from '../../model/baseline-schedule.js';
import { Id } from '../../model/common.js';
import { timingProblem } from '../jobs/baseline-schedule-time.js';
import { issueScheduleOrders } from '../jobs/baseline-schedules.js';
import { listPolicyTrust, setPolicyTrust } from '../store/baseline-policy-trust.js';
import { createSchedule, deleteSchedule, getSchedule, getScheduleRow, listSchedules, markScheduleRun, mergeTiming, updateSchedule } from '../store/baseline-schedules.js';
import type { TenantScope } from '../store/tenant-scope.js';
import { badRequest, notFound } from './errors.js';
import { route } from './route.js';

const ScheduleParams = z.object({ id: Id });

/** Every named host must be one of the tenant's: another tenant's host is simply unknown. */
async function checkHosts(scope: TenantScope, hostIds: readonly string[] | null | undefined): Promise<void> {
  if (!hostIds || hostIds.length === 0) return;
  const known = new Set((await scope.selectFrom('hosts').select('id').where('id', 'in', [...new Set(hostIds)]).execute()).map((row) => row.id));
  const unknown = hostIds.filter((id) => !known.has(id));
  if (unknown.length > 0) throw badRequest(`unknown host ids: ${unknown.slice(0, 5).join(', ')}`);
}

const auditDetails = (schedule: BaselineSchedule) => ({ name: schedule.name, policies: schedule.policies, hostIds: schedule.hostIds, intervalHours: schedule.intervalHours, dailyAt: schedule.dailyAt, enabled: schedule.enabled });

export const baselineScheduleRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/baselines/schedules',
    summary: "The tenant's baseline schedules. Hosts no enabled schedule of every policy covers run every policy daily on their own",
    tag: 'baselines',
    access: 'read',
    response: z.object({ items: z.array(BaselineSchedule) }),
    async handler({ scope }) {
      return { items: await listSchedules(scope()) };
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/baselines/schedules',
    summary: 'Create a schedule: policies (null: all) on hosts (null: all) every intervalHours or daily at dailyAt (HH:MM UTC)',
    tag: 'baselines',
    access: 'manage',
    body: CreateBaselineSchedule,
    response: BaselineSchedule,
    status: 201,
    async handler({ body, scope, user, audit }) {
      const problem = timingProblem(body);
      if (problem) throw badRequest(problem);
      await checkHosts(scope(), body.hostIds);
      const schedule = await createSchedule(scope(), body, user().username);
      await audit({ action: 'baseline.schedule_created', targetType: 'baseline_schedule', targetId: schedule.id, details: auditDetails(schedule) });
      return schedule;
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/baselines/schedules/:id',
    summary: 'Change a schedule; a new timing or enabling it plans the next run from now',
    tag: 'baselines',
    access: 'manage',
    params: ScheduleParams,
    body: UpdateBaselineSchedule,
    response: BaselineSchedule,
    async handler({ params, body, scope, audit }) {
      const existing = await getSchedule(scope(), params.id);
      if (!existing) throw notFound('schedule');
      const timing = mergeTiming({ interval_hours: existing.intervalHours, daily_at: existing.dailyAt }, body);
      const problem = timingProblem({ intervalHours: timing.interval_hours, dailyAt: timing.daily_at });
      if (problem) throw badRequest(problem);
      await checkHosts(scope(), body.hostIds);
      const schedule = await updateSchedule(scope(), params.id, body);
      if (!schedule) throw notFound('schedule');
      await audit({ action: 'baseline.schedule_updated', targetType: 'baseline_schedule', targetId: schedule.id, details: { before: auditDetails(existing), after: auditDetails(schedule) } });
      return schedule;
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/baselines/schedules/:id',
    summary: "Delete a schedule; orders it already issued stay",
    tag: 'baselines',
    access: 'manage',
    params: ScheduleParams,
    response: BaselineSchedule,
    async handler({ params, scope, audit }) {
      const schedule = await deleteSchedule(scope(), params.id);
      if (!schedule) throw notFound('schedule');
      await audit({ action: 'baseline.schedule_deleted', targetType: 'baseline_schedule', targetId: schedule.id, details: auditDetails(schedule) });
      return schedule;
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/baselines/schedules/:id/run',
    summary: "Run a schedule now (even a disabled one): orders its hosts to run its policies; its planned next run stays",
    tag: 'baselines',
    access: 'manage',
    params: ScheduleParams,
    response: BaselineScheduleRun,
    async handler({ params, scope, server, user, audit }) {
      const row = await getScheduleRow(scope(), params.id);
      if (!row) throw notFound('schedule');
      const issued = await issueScheduleOrders({ db: server.store.db, bus: server.bus, log: server.log }, row, server.clock(), user().userId);
      await markScheduleRun(scope(), params.id);
      await audit({ action: 'baseline.schedule_run', targetType: 'baseline_schedule', targetId: params.id, details: { name: row.name, ...issued } });
      return { schedule: (await getSchedule(scope(), params.id))!, ...issued };
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/baselines/trusted-policies',
    summary: 'Policies whose command (c:) rules the tenant allows its agents to run; a policy not listed as trusted is not',
    tag: 'baselines',
    access: 'read',
    response: z.object({ items: z.array(BaselinePolicyTrust) }),
    async handler({ scope }) {
      return { items: await listPolicyTrust(scope()) };
    },
  }),
  route({
    method: 'PUT',
    path: '/api/v1/baselines/trusted-policies',
    summary: "Trust a policy to run its command rules on the tenant's agents, or withdraw that trust (from the next heartbeat on)",
    tag: 'baselines',
    access: 'manage',
    body: SetBaselinePolicyTrust,
    response: BaselinePolicyTrust,
    async handler({ body, scope, user, audit }) {
      const trust = await setPolicyTrust(scope(), body.policyId, body.trusted, user().username);
      await audit({ action: body.trusted ? 'baseline.policy_trusted' : 'baseline.policy_untrusted', targetType: 'baseline_policy', targetId: body.policyId, details: { policyId: body.policyId, trusted: body.trusted } });
      return trust;
    },
  }),
];
