// Retry pacing for an agent talking to a server that may be down: exponential with jitter, so a
// fleet coming back after an outage does not hit the server in lockstep.
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly baseMs = 1000,
    private readonly maxMs = 30_000,
  ) {}

  next(): number {
    const ceiling = Math.min(this.maxMs, this.baseMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 16);
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }

  reset(): void {
    this.attempt = 0;
  }
}

/**
 * Resolves after `ms`, or at once when `signal` aborts, or when the waker handed to `onWaker` is
 * called. Every way out clears the timer and the listener: the agent's stop signal lives as long
 * as the agent, so a listener left behind by each wait would pile up on it.
 */
export function sleep(ms: number, signal: AbortSignal, onWaker?: (wake: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    onWaker?.(done);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
