// Baseline schedules of a tenant: which policies run on which hosts how often. The schedule job
// (jobs/baseline-schedules.ts) finds the due ones across tenants and claims each run here, so two
// server replicas never issue the same run twice.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { BaselineSchedule, CreateBaselineSchedule, UpdateBaselineSchedule } from '../../model/baseline-schedule.js';
import { nextRunAfter } from '../jobs/baseline-schedule-time.js';
import type { BaselineScheduleTable, Database } from './schema.js';
import type { TenantScope } from './tenant-scope.js';

export type ScheduleRow = Selectable<BaselineScheduleTable>;

const list = (text: string | null): string[] | null => (text === null ? null : (JSON.parse(text) as string[]));

export function presentSchedule(row: ScheduleRow): BaselineSchedule {
  return {
    id: row.id,
    name: row.name,
    policies: list(row.policy_ids),
    hostIds: list(row.host_ids),
    intervalHours: row.interval_hours === null ? null : Number(row.interval_hours),
    dailyAt: row.daily_at,
    enabled: Number(row.enabled) === 1,
    nextRunAt: row.next_run_at,
    lastRunAt: row.last_run_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function nextRun(timing: { interval_hours: number | null; daily_at: string | null; enabled: number }, now: Date): string | null {
  if (timing.enabled !== 1) return null;
  return nextRunAfter({ intervalHours: timing.interval_hours === null ? null : Number(timing.interval_hours), dailyAt: timing.daily_at }, now).toISOString();
}

export async function createSchedule(scope: TenantScope, input: CreateBaselineSchedule, createdBy: string | null): Promise<BaselineSchedule> {
  const now = scope.clock();
  const timing = { interval_hours: input.intervalHours ?? null, daily_at: input.dailyAt ?? null, enabled: input.enabled ? 1 : 0 };
  const row = {
    id: randomUUID(),
    name: input.name,
    policy_ids: input.policies === null ? null : JSON.stringify([...new Set(input.policies)]),
    host_ids: input.hostIds === null ? null : JSON.stringify([...new Set(input.hostIds)]),
    ...timing,
    next_run_at: nextRun(timing, now),
    last_run_at: null,
    created_by: createdBy,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  await scope.insertInto('baseline_schedules', row).execute();
  return presentSchedule({ ...row, tenant_id: scope.tenantId });
}

export async function listSchedules(scope: TenantScope): Promise<BaselineSchedule[]> {
  const rows = await scope.selectFrom('baseline_schedules').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map(presentSchedule);
}

export async function getScheduleRow(scope: TenantScope, id: string): Promise<ScheduleRow | null> {
  return (await scope.selectFrom('baseline_schedules').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function getSchedule(scope: TenantScope, id: string): Promise<BaselineSchedule | null> {
  const row = await getScheduleRow(scope, id);
  return row ? presentSchedule(row) : null;
}

/** The timing after a change: setting one of interval and time of day clears the other. */
export function mergeTiming(row: { interval_hours: number | null; daily_at: string | null }, patch: UpdateBaselineSchedule): { interval_hours: number | null; daily_at: string | null } {
  return {
    interval_hours: patch.intervalHours !== undefined ? patch.intervalHours : patch.dailyAt ? null : row.interval_hours,
    daily_at: patch.dailyAt !== undefined ? patch.dailyAt : patch.intervalHours ? null : row.daily_at,
  };
}

/** Applies a change; the next run is planned again from now when the timing or enabled changed. */
export async function updateSchedule(scope: TenantScope, id: string, patch: UpdateBaselineSchedule): Promise<BaselineSchedule | null> {
  const row = await scope.selectFrom('baseline_schedules').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const now = scope.clock();
  const timingChanged = patch.intervalHours !== undefined || patch.dailyAt !== undefined || patch.enabled !== undefined;
  const next: ScheduleRow = {
    ...row,
    name: patch.name ?? row.name,
    policy_ids: patch.policies === undefined ? row.policy_ids : patch.policies === null ? null : JSON.stringify([...new Set(patch.policies)]),
    host_ids: patch.hostIds === undefined ? row.host_ids : patch.hostIds === null ? null : JSON.stringify([...new Set(patch.hostIds)]),
    ...mergeTiming(row, patch),
    enabled: patch.enabled === undefined ? Number(row.enabled) : patch.enabled ? 1 : 0,
    updated_at: now.toISOString(),
  };
  if (timingChanged) next.next_run_at = nextRun(next, now);
  const { id: _id, tenant_id: _tenant, ...values } = next;
  await scope.updateTable('baseline_schedules').set(values).where('id', '=', id).execute();
  return presentSchedule(next);
}

export async function deleteSchedule(scope: TenantScope, id: string): Promise<BaselineSchedule | null> {
  const row = await scope.selectFrom('baseline_schedules').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  await scope.deleteFrom('baseline_schedules').where('id', '=', id).execute();
  return presentSchedule(row);
}

/** Enabled schedules of every tenant whose next run is at or before `now`. */
export async function dueSchedules(db: Kysely<Database>, now: Date): Promise<ScheduleRow[]> {
  return db.selectFrom('baseline_schedules').selectAll().where('enabled', '=', 1).where('next_run_at', '<=', now.toISOString()).orderBy('next_run_at').execute();
}

/**
 * Takes a due run for this server: moves the next run on only if no one else did since `row` was
 * read. False: another replica (or an edit) got there first and this one issues nothing.
 */
export async function claimScheduledRun(db: Kysely<Database>, row: ScheduleRow, now: Date): Promise<boolean> {
  const claimed = await db
    .updateTable('baseline_schedules')
    .set({ next_run_at: nextRun({ ...row, enabled: Number(row.enabled) }, now), last_run_at: now.toISOString() })
    .where('id', '=', row.id)
    .where('next_run_at', '=', row.next_run_at)
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

/** Records a "run now" without moving the planned next run. */
export async function markScheduleRun(scope: TenantScope, id: string): Promise<void> {
  await scope.updateTable('baseline_schedules').set({ last_run_at: scope.now() }).where('id', '=', id).execute();
}

/**
 * Whether an enabled schedule of every policy covers the host: then its agent's own daily run of
 * every policy stays off. A schedule of some policies only adds runs; the daily one goes on, or
 * the other policies would never run again.
 */
export async function hostIsScheduled(db: Kysely<Database>, host: { id: string; tenant_id: string }): Promise<boolean> {
  const rows = await db.selectFrom('baseline_schedules').select('host_ids').where('tenant_id', '=', host.tenant_id).where('enabled', '=', 1).where('policy_ids', 'is', null).execute();
  return rows.some((row) => row.host_ids === null || (JSON.parse(row.host_ids) as string[]).includes(host.id));
}
