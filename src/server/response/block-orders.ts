// The orders that carry a block to the agent and take it back. An extension is a new
// `block_source` with the remaining time: the agent replaces the element's timeout.
import type { Order } from '../../model/host.js';
import type { Block, BlockSourceOrder, UnblockSourceOrder } from '../../model/response.js';
import { createOrder } from '../store/orders.js';
import type { TenantScope } from '../store/tenant-scope.js';

export async function orderBlock(scope: TenantScope, block: Block, createdBy: string | null): Promise<Order> {
  const seconds = Math.max(60, Math.ceil((Date.parse(block.expiresAt) - scope.clock().getTime()) / 1000));
  const payload: BlockSourceOrder = { blockId: block.id, address: block.source, seconds };
  return createOrder(scope, { hostId: block.hostId, kind: 'block_source', payload, createdBy });
}

export async function orderUnblock(scope: TenantScope, block: Block, createdBy: string | null): Promise<Order> {
  const payload: UnblockSourceOrder = { blockId: block.id, address: block.source };
  return createOrder(scope, { hostId: block.hostId, kind: 'unblock_source', payload, createdBy });
}
