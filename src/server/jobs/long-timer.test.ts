import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { after, every } from './long-timer.js';

const HOUR = 3600_000;

describe('long timers', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits a 30-day delay out instead of firing at once (Node caps a timer at 24.8 days)', () => {
    const run = vi.fn();
    after(720 * HOUR, run);
    vi.advanceTimersByTime(720 * HOUR - 1);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('repeats a 30-day interval once per interval until stopped', () => {
    const run = vi.fn();
    const stop = every(720 * HOUR, run);
    vi.advanceTimersByTime(3 * 720 * HOUR);
    expect(run).toHaveBeenCalledTimes(3);
    stop();
    vi.advanceTimersByTime(720 * HOUR);
    expect(run).toHaveBeenCalledTimes(3);
  });

  it('can be cancelled before it fires', () => {
    const run = vi.fn();
    const cancel = after(HOUR, run);
    cancel();
    vi.advanceTimersByTime(2 * HOUR);
    expect(run).not.toHaveBeenCalled();
  });
});
