// When schedules run next, with times the test chooses.
import { describe, expect, it } from 'vitest';
import { nextRunAfter, timingProblem } from './baseline-schedule-time.js';

const at = (iso: string) => new Date(iso);

describe('baseline schedule timing', () => {
  it('runs an interval schedule that many hours later', () => {
    expect(nextRunAfter({ intervalHours: 6, dailyAt: null }, at('2026-11-27T10:20:00Z')).toISOString()).toBe('2026-11-27T16:20:00.000Z');
  });

  it('runs a daily schedule at its time today if still ahead, else tomorrow', () => {
    const daily = { intervalHours: null, dailyAt: '02:30' };
    expect(nextRunAfter(daily, at('2026-11-27T01:00:00Z')).toISOString()).toBe('2026-11-27T02:30:00.000Z');
    // Exactly at the slot: that run is the one being made, the next is tomorrow's.
    expect(nextRunAfter(daily, at('2026-11-27T02:30:00Z')).toISOString()).toBe('2026-11-28T02:30:00.000Z');
    expect(nextRunAfter(daily, at('2026-12-31T23:59:00Z')).toISOString()).toBe('2027-01-01T02:30:00.000Z');
  });

  it('wants exactly one of interval and time of day', () => {
    expect(timingProblem({ intervalHours: 4 })).toBeNull();
    expect(timingProblem({ dailyAt: '03:00', intervalHours: null })).toBeNull();
    expect(timingProblem({})).toContain('exactly one');
    expect(timingProblem({ intervalHours: 4, dailyAt: '03:00' })).toContain('exactly one');
  });
});
