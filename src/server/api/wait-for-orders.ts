// Long-poll for an agent's orders: returns pending orders at once, otherwise wakes when the bus
// says an order was created for this host (same process) or at a periodic re-check (orders
// created by another server replica), and gives up after `waitMs` or when the agent hangs up.
import type { IncomingMessage } from 'node:http';
import type { Order } from '../../model/host.js';
import type { Bus } from '../bus/bus.js';

const RECHECK_MS = 5000;

export async function waitForOrders(bus: Bus, hostId: string, take: () => Promise<Order[]>, waitMs: number, connection: IncomingMessage): Promise<Order[]> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const orders = await take();
    const remaining = deadline - Date.now();
    if (orders.length > 0 || remaining <= 0 || connection.destroyed) return orders;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, Math.min(remaining, RECHECK_MS));
      const unsubscribe = bus.subscribe(`orders.${hostId}`, done);
      connection.once('close', done);
      function done() {
        clearTimeout(timer);
        unsubscribe();
        connection.off('close', done);
        resolve();
      }
    });
  }
}
