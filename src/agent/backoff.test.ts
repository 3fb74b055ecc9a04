// The agent's waits share one stop signal for the agent's whole life: none may leave a listener on it.
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { sleep } from './backoff.js';

describe('sleep', () => {
  it('ends on time, on a waker, or on abort, and leaves no listener behind', async () => {
    const stopping = new AbortController();
    await sleep(30, stopping.signal); // ends on its own
    expect(getEventListeners(stopping.signal, 'abort')).toHaveLength(0);

    // Woken early many times, as the event sender is by every append.
    for (let i = 0; i < 20; i++) {
      let wake: (() => void) | null = null;
      const waiting = sleep(60_000, stopping.signal, (waker) => (wake = waker));
      expect(getEventListeners(stopping.signal, 'abort')).toHaveLength(1);
      (wake as (() => void) | null)?.();
      await waiting;
    }
    expect(getEventListeners(stopping.signal, 'abort')).toHaveLength(0);

    const waiting = sleep(60_000, stopping.signal);
    stopping.abort();
    await waiting;
    expect(getEventListeners(stopping.signal, 'abort')).toHaveLength(0);
    await sleep(60_000, stopping.signal); // already stopped: at once
  });
});
