// Every order kind the agent carries out, one file each.
import type { OrderHandler } from './order-handler.js';
import { resync } from './resync.js';

export const orderHandlers: ReadonlyMap<string, OrderHandler> = new Map([resync].map((handler) => [handler.kind, handler]));
