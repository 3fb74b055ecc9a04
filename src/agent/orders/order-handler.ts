// An order handler carries out one kind of server order on this host and returns its result.
import type { Order } from '../../model/host.js';
import type { BaselineRunSummary, BaselineSelection } from '../baseline/baseline-loop.js';
import type { SourceBlocker } from '../response/source-blocker.js';
import type { Spool } from '../spool.js';

export interface OrderContext {
  readonly spool: Spool;
  readonly now: () => Date;
  /** Makes the inventory loop send every fact kind in full again (absent when it does not run). */
  readonly resyncInventory?: (() => void) | undefined;
  /** Runs the baseline checks now (absent when the baseline loop does not run). */
  readonly runBaseline?: ((selection?: BaselineSelection) => Promise<BaselineRunSummary>) | undefined;
  /** Blocks and unblocks sources in nftables (absent unless blocking is turned on). */
  readonly blocker?: SourceBlocker | undefined;
}

export interface OrderHandler {
  readonly kind: Order['kind'];
  run(order: Order, context: OrderContext): Promise<Record<string, unknown>>;
}
