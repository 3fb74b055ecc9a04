// Orders from the server to one agent ("resync", later "scan now", "block"…). An order is pending
// until the agent fetches it, delivered until it reports the result.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Order } from '../../model/host.js';
import type { Database, OrderTable } from './schema.js';
import type { TenantScope } from './tenant-scope.js';

function presentOrder(row: Selectable<OrderTable>): Order {
  return {
    id: row.id,
    kind: row.kind as Order['kind'],
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    status: row.status as Order['status'],
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
    completedAt: row.completed_at,
    result: row.result === null ? null : (JSON.parse(row.result) as Record<string, unknown>),
  };
}

export async function createOrder(
  scope: TenantScope,
  input: { hostId: string; kind: Order['kind']; payload: Record<string, unknown>; createdBy: string | null },
): Promise<Order> {
  const row = {
    id: randomUUID(),
    host_id: input.hostId,
    kind: input.kind,
    payload: JSON.stringify(input.payload),
    status: 'pending',
    result: null,
    created_by: input.createdBy,
    created_at: scope.now(),
    delivered_at: null,
    completed_at: null,
  };
  await scope.insertInto('orders', row).execute();
  return presentOrder({ ...row, tenant_id: scope.tenantId });
}

export async function listOrders(scope: TenantScope, hostId: string): Promise<Order[]> {
  const rows = await scope.selectFrom('orders').selectAll().where('host_id', '=', hostId).orderBy('created_at', 'desc').limit(200).execute();
  return rows.map(presentOrder);
}

/** Pending orders of a host, marked delivered as they are handed out. */
export async function takePendingOrders(db: Kysely<Database>, hostId: string, now: Date): Promise<Order[]> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('orders').selectAll().where('host_id', '=', hostId).where('status', '=', 'pending').orderBy('created_at').execute();
    if (rows.length === 0) return [];
    const deliveredAt = now.toISOString();
    await trx
      .updateTable('orders')
      .set({ status: 'delivered', delivered_at: deliveredAt })
      .where('id', 'in', rows.map((row) => row.id))
      .execute();
    return rows.map((row) => presentOrder({ ...row, status: 'delivered', delivered_at: deliveredAt }));
  });
}

export async function completeOrder(db: Kysely<Database>, hostId: string, orderId: string, ok: boolean, result: Record<string, unknown>, now: Date): Promise<boolean> {
  const outcome = await db
    .updateTable('orders')
    .set({ status: ok ? 'done' : 'failed', result: JSON.stringify(result), completed_at: now.toISOString() })
    .where('id', '=', orderId)
    .where('host_id', '=', hostId)
    .executeTakeFirst();
  return Number(outcome.numUpdatedRows) > 0;
}
