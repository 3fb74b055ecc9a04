// Timers for schedules measured in days. Node holds a timer delay in 32 bits: anything above
// 2^31-1 ms (24.8 days) is replaced by 1 ms with a TimeoutOverflowWarning, so a 30-day schedule
// would run in a tight loop. These wait in steps instead. Timers are unref'd: a schedule never
// keeps the process alive.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Runs `run` once after `delayMs`; the answer cancels it. */
export function after(delayMs: number, run: () => void): () => void {
  let timer: NodeJS.Timeout | null = null;
  const dueAt = Date.now() + Math.max(0, delayMs);
  const wait = () => {
    const left = dueAt - Date.now();
    timer = setTimeout(left > MAX_TIMER_MS ? wait : run, Math.min(Math.max(0, left), MAX_TIMER_MS));
    timer.unref();
  };
  wait();
  return () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
}

/** Runs `run` every `intervalMs`; the answer stops it. */
export function every(intervalMs: number, run: () => void): () => void {
  let cancel = () => {};
  let stopped = false;
  const next = () => {
    cancel = after(intervalMs, () => {
      if (stopped) return;
      next();
      run();
    });
  };
  next();
  return () => {
    stopped = true;
    cancel();
  };
}
