// Moves events from the spool to the server in batches. A batch leaves the spool only when the
// server answered that it committed it; on any failure the same events are sent again later, and
// the server's (spool, seq) idempotency makes the replay harmless.
import type { Logger } from 'pino';
import { Backoff, sleep } from './backoff.js';
import type { Spool } from './spool.js';
import { ServerError } from './transport.js';
import type { AgentTransport } from './transport.js';

export const BATCH_EVENTS = 1000;

export async function runSender(spool: Spool, transport: AgentTransport, log: Logger, signal: AbortSignal, clock: () => Date): Promise<void> {
  const backoff = new Backoff();
  let wake: (() => void) | null = null;
  const unsubscribe = spool.onAppend(() => wake?.());
  try {
    while (!signal.aborted) {
      const batch = spool.peek(BATCH_EVENTS);
      if (batch.length === 0) {
        // Until an append wakes it, or five seconds pass.
        await sleep(5000, signal, (waker) => (wake = waker));
        wake = null;
        continue;
      }
      try {
        const { acked } = await transport.sendEvents(spool.spoolId, batch);
        spool.ack(acked, clock());
        backoff.reset();
      } catch (error) {
        if (signal.aborted) break;
        const wait = backoff.next();
        const level = error instanceof ServerError && error.status === 401 ? 'error' : 'warn';
        log[level]({ err: (error as Error).message, pending: spool.stats().pending, retryInMs: Math.round(wait) }, 'sending events failed; will retry');
        await sleep(wait, signal);
      }
    }
  } finally {
    unsubscribe();
  }
}
