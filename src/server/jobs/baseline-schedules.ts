// Baseline schedules on the server: every minute, each enabled schedule whose next run has come
// issues a `baseline_scan` order to each of its hosts, carrying its policy selection and the
// tenant's trusted policies. A host whose order from the same schedule is still pending (offline)
// gets no second one, so orders never pile up behind an agent that is away.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { BaselineScanOrderPayload } from '../../model/baseline-schedule.js';
import type { Order } from '../../model/host.js';
import type { Bus } from '../bus/bus.js';
import { trustedPolicyIds } from '../store/baseline-policy-trust.js';
import { claimScheduledRun, dueSchedules } from '../store/baseline-schedules.js';
import type { ScheduleRow } from '../store/baseline-schedules.js';
import { createOrder } from '../store/orders.js';
import type { Database } from '../store/schema.js';
import { TenantScope } from '../store/tenant-scope.js';
import type { Clock } from '../store/tenant-scope.js';

export const SCHEDULE_TICK_MS = 60_000;

export interface ScheduleDeps {
  readonly db: Kysely<Database>;
  readonly bus: Bus;
  readonly log: Logger;
}

/**
 * The payload of a `baseline_scan` order: what the caller asked for, with the trusted policies
 * always the tenant's own (a caller cannot widen them through an order). Throws a message naming
 * the field when the request is malformed.
 */
export async function baselineOrderPayload(db: Kysely<Database>, tenantId: string, requested: Record<string, unknown>): Promise<BaselineScanOrderPayload> {
  const parsed = BaselineScanOrderPayload.omit({ trustedPolicies: true }).strict().safeParse(requested);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` ${issue.path.join('.')}` : '';
    throw new Error(`baseline_scan payload${where}: ${issue?.message ?? 'invalid'}`);
  }
  return { ...parsed.data, trustedPolicies: await trustedPolicyIds(db, tenantId) };
}

/**
 * Baseline orders as the agent takes them: with the tenant's trusted policies of now, not of when
 * the order was made, so trust withdrawn while a host was away holds for the orders it finds.
 */
export async function withCurrentTrust(db: Kysely<Database>, tenantId: string, orders: readonly Order[]): Promise<Order[]> {
  if (!orders.some((order) => order.kind === 'baseline_scan')) return [...orders];
  const trustedPolicies = await trustedPolicyIds(db, tenantId);
  return orders.map((order) => (order.kind === 'baseline_scan' ? { ...order, payload: { ...order.payload, trustedPolicies } } : order));
}

/** Orders one schedule's hosts to run its policies now. */
export async function issueScheduleOrders(deps: ScheduleDeps, row: ScheduleRow, now: Date, createdBy: string | null): Promise<{ orders: number; skippedPending: number }> {
  const scope = new TenantScope(deps.db, row.tenant_id, () => now);
  let hosts = scope.selectFrom('hosts').select('id').where('uninstalled_at', 'is', null);
  if (row.host_ids !== null) {
    const ids = JSON.parse(row.host_ids) as string[];
    if (ids.length === 0) return { orders: 0, skippedPending: 0 };
    hosts = hosts.where('id', 'in', ids);
  }
  const targets = (await hosts.orderBy('id').execute()).map((host) => host.id);
  if (targets.length === 0) return { orders: 0, skippedPending: 0 };
  const pending = await scope.selectFrom('orders').select(['host_id', 'payload']).where('kind', '=', 'baseline_scan').where('status', '=', 'pending').where('host_id', 'in', targets).execute();
  const waiting = new Set(pending.filter((order) => (JSON.parse(order.payload) as { scheduleId?: string }).scheduleId === row.id).map((order) => order.host_id));
  const payload: BaselineScanOrderPayload = {
    policies: row.policy_ids === null ? null : (JSON.parse(row.policy_ids) as string[]),
    trustedPolicies: await trustedPolicyIds(deps.db, row.tenant_id),
    scheduleId: row.id,
  };
  let orders = 0;
  for (const hostId of targets) {
    if (waiting.has(hostId)) continue;
    await createOrder(scope, { hostId, kind: 'baseline_scan', payload, createdBy });
    deps.bus.publish(`orders.${hostId}`, { hostId });
    orders += 1;
  }
  return { orders, skippedPending: waiting.size };
}

/** Issues every schedule due at `now` (each claimed first, so replicas never double a run). */
export async function runDueSchedules(deps: ScheduleDeps, now: Date): Promise<{ schedules: number; orders: number }> {
  let schedules = 0;
  let orders = 0;
  for (const row of await dueSchedules(deps.db, now)) {
    if (!(await claimScheduledRun(deps.db, row, now))) continue;
    const issued = await issueScheduleOrders(deps, row, now, null);
    schedules += 1;
    orders += issued.orders;
    deps.log.info({ scheduleId: row.id, tenantId: row.tenant_id, ...issued }, 'baseline schedule run');
  }
  return { schedules, orders };
}

/** Looks for due schedules every minute until stopped. */
export function startBaselineScheduler(deps: ScheduleDeps, clock: Clock): () => void {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    // One pass at a time: a slow pass is not overlapped by the next tick.
    running = running.then(() => runDueSchedules(deps, clock()).catch((error: unknown) => deps.log.error({ err: error }, 'baseline schedules failed')));
  };
  const timer = setInterval(tick, SCHEDULE_TICK_MS);
  timer.unref();
  tick();
  return () => clearInterval(timer);
}
