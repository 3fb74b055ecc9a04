// "resync": the server lost track of this host's state (or wants a fresh start). The agent marks
// a resync point in its stream; collectors that keep deltas send their full state after it.
import { AGENT_RESYNC } from '../../model/agent-event-types.js';
import type { OrderHandler } from './order-handler.js';

export const resync: OrderHandler = {
  kind: 'resync',
  async run(order, { spool, now, resyncInventory }) {
    spool.append([{ type: AGENT_RESYNC, time: now().toISOString(), data: { orderId: order.id } }]);
    resyncInventory?.();
    return { pendingEvents: spool.stats().pending };
  },
};
