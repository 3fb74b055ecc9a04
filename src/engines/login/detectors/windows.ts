// Sliding-window episodes shared by the rate detectors: the events that lie in some window of
// `seconds` holding at least `threshold` of them, split where two consecutive ones are more than a
// window apart. One episode becomes one detection with its count, so repeats aggregate.
import type { TimedEvent } from './detector.js';

export interface Episode {
  readonly events: readonly TimedEvent[];
  readonly first: number;
  readonly last: number;
}

/** `keyOf` measures the window by distinct keys (sources per account, accounts per source). */
export function episodes(sorted: readonly TimedEvent[], threshold: number, seconds: number, keyOf?: (e: TimedEvent) => string): Episode[] {
  const windowMs = seconds * 1000;
  const covered = new Array<boolean>(sorted.length).fill(false);
  const inWindow = new Map<string, number>();
  let start = 0;
  let coveredUpTo = -1;
  for (let i = 0; i < sorted.length; i++) {
    const current = sorted[i] as TimedEvent;
    if (keyOf) inWindow.set(keyOf(current), (inWindow.get(keyOf(current)) ?? 0) + 1);
    while (current.at - (sorted[start] as TimedEvent).at > windowMs) {
      if (keyOf) {
        const key = keyOf(sorted[start] as TimedEvent);
        const left = (inWindow.get(key) ?? 1) - 1;
        if (left === 0) inWindow.delete(key);
        else inWindow.set(key, left);
      }
      start++;
    }
    const size = keyOf ? inWindow.size : i - start + 1;
    if (size >= threshold) {
      for (let k = Math.max(start, coveredUpTo + 1); k <= i; k++) covered[k] = true;
      coveredUpTo = i;
    }
  }
  const out: Episode[] = [];
  let run: TimedEvent[] = [];
  const close = () => {
    if (run.length > 0) out.push({ events: run, first: (run[0] as TimedEvent).at, last: (run[run.length - 1] as TimedEvent).at });
    run = [];
  };
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i] as TimedEvent;
    if (!covered[i]) {
      close();
      continue;
    }
    const previous = run[run.length - 1];
    if (previous && e.at - previous.at > windowMs) close();
    run.push(e);
  }
  close();
  return out;
}

export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function failures(events: readonly TimedEvent[]): TimedEvent[] {
  return events.filter((e) => e.event.type === 'failure');
}
