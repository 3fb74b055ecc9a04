// Orders sent to a host's agent and what came back. While an order is on its way the list
// refreshes itself, so a resync is seen going from pending to done.
import type { Order } from '../../api/types.js';
import { EmptyState } from '../../components/feedback.js';
import { ListTable } from '../../components/list-table.js';
import { OrderStatusBadge } from '../../components/status-badge.js';
import { RelativeTime } from '../../components/time.js';

function resultText(order: Order): string {
  if (!order.result || Object.keys(order.result).length === 0) return '';
  return JSON.stringify(order.result);
}

export function isOrderOpen(order: Order): boolean {
  return order.status === 'pending' || order.status === 'delivered';
}

export function HostOrders({ orders, now }: { readonly orders: readonly Order[]; readonly now: number }) {
  if (orders.length === 0) return <EmptyState title="No orders sent to this host yet." />;
  return (
    <ListTable
      label="Orders"
      head={
        <>
          <th>Order</th>
          <th>Status</th>
          <th>Created</th>
          <th>Delivered</th>
          <th>Completed</th>
          <th>Result</th>
        </>
      }
    >
      {orders.map((order) => (
        <tr key={order.id}>
          <td>
            <span className="strong">{order.kind}</span>
            <div className="cell-sub mono">{order.id.slice(0, 8)}</div>
          </td>
          <td>
            <OrderStatusBadge status={order.status} />
          </td>
          <td>
            <RelativeTime iso={order.createdAt} now={now} />
          </td>
          <td>
            <RelativeTime iso={order.deliveredAt} now={now} />
          </td>
          <td>
            <RelativeTime iso={order.completedAt} now={now} />
          </td>
          <td className="mono cell-clip cell-wide" title={resultText(order)}>
            {resultText(order) || <span className="muted">—</span>}
          </td>
        </tr>
      ))}
    </ListTable>
  );
}
