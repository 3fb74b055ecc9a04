// When a baseline schedule runs next: pure, the clock comes in (DESIGN.md "Engines are pure").
// An interval schedule runs that many hours after its previous run (or its creation); a daily one
// at HH:MM UTC. A server that was down runs an overdue schedule once, not once per missed slot.

export interface ScheduleTiming {
  readonly intervalHours: number | null;
  readonly dailyAt: string | null;
}

/** The first run strictly after `after`. */
export function nextRunAfter(timing: ScheduleTiming, after: Date): Date {
  if (timing.intervalHours !== null) return new Date(after.getTime() + timing.intervalHours * 3600_000);
  const [hours, minutes] = (timing.dailyAt ?? '00:00').split(':').map(Number) as [number, number];
  const slot = new Date(Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), after.getUTCDate(), hours, minutes));
  if (slot.getTime() <= after.getTime()) slot.setUTCDate(slot.getUTCDate() + 1);
  return slot;
}

/** Exactly one of interval and time of day, or why not. */
export function timingProblem(timing: { intervalHours?: number | null | undefined; dailyAt?: string | null | undefined }): string | null {
  const hasInterval = timing.intervalHours !== null && timing.intervalHours !== undefined;
  const hasDaily = timing.dailyAt !== null && timing.dailyAt !== undefined;
  if (hasInterval === hasDaily) return 'give exactly one of intervalHours and dailyAt';
  return null;
}
