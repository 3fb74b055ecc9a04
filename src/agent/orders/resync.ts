// "resync": the server lost track of this host's state (or wants a fresh start). The agent marks
// a resync point in its stream; collectors that keep deltas send their full state after it.
import type { OrderHandler } from './order-handler.js';

export const RESYNC_EVENT_TYPE = 'agent.resync';

export const resync: OrderHandler = {
  kind: 'resync',
  async run(order, { spool, now }) {
    spool.append([{ type: RESYNC_EVENT_TYPE, time: now().toISOString(), data: { orderId: order.id } }]);
    return { pendingEvents: spool.stats().pending };
  },
};
