// "block_source" and "unblock_source": add or remove an attacking address in nftables (with the
// block's remaining time). Both report what happened as a `response.block` event, so the server
// shows a block that failed (nft missing, not permitted, a protected address) as well as one that
// took effect; a failure also fails the order.
import type { z } from 'zod';
import { RESPONSE_BLOCK } from '../../model/agent-event-types.js';
import type { Order } from '../../model/host.js';
import { BlockSourceOrder, UnblockSourceOrder, type BlockReport } from '../../model/response.js';
import type { OrderContext, OrderHandler } from './order-handler.js';

function payloadOf<T extends z.ZodType>(schema: T, order: Order): z.infer<T> {
  const parsed = schema.safeParse(order.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`bad ${order.kind} order: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}

async function reporting(context: OrderContext, report: Omit<BlockReport, 'ok' | 'error'>, work: () => Promise<Record<string, unknown>>): Promise<Record<string, unknown>> {
  const send = (ok: boolean, error: string | null) => context.spool.append([{ type: RESPONSE_BLOCK, time: context.now().toISOString(), data: { ...report, ok, error } }]);
  try {
    if (!context.blocker) throw new Error('blocking is turned off on this agent (start it with --block)');
    const result = await work();
    send(true, null);
    return result;
  } catch (error) {
    send(false, (error as Error).message);
    throw error;
  }
}

export const blockSource: OrderHandler = {
  kind: 'block_source',
  async run(order, context) {
    const payload = payloadOf(BlockSourceOrder, order);
    return reporting(context, { blockId: payload.blockId, action: 'block', address: payload.address }, async () => ({ ...(await context.blocker!.block(payload.address, payload.seconds)) }));
  },
};

export const unblockSource: OrderHandler = {
  kind: 'unblock_source',
  async run(order, context) {
    const payload = payloadOf(UnblockSourceOrder, order);
    return reporting(context, { blockId: payload.blockId, action: 'unblock', address: payload.address }, async () => ({ ...(await context.blocker!.unblock(payload.address)) }));
  },
};
