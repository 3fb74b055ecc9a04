// Every order kind the agent carries out, one file each.
import { baselineScan } from './baseline-scan.js';
import { blockSource, unblockSource } from './block-source.js';
import type { OrderHandler } from './order-handler.js';
import { resync } from './resync.js';

export const orderHandlers: ReadonlyMap<string, OrderHandler> = new Map([resync, baselineScan, blockSource, unblockSource].map((handler) => [handler.kind, handler]));
