// An agent that keeps sending garbage is cut off for a while instead of being trusted: its
// requests are refused until the cool-down ends. A few bad payloads (a bug, a version skew) are
// tolerated; a flood is not.
const WINDOW_MS = 10 * 60_000;
const MAX_STRIKES = 20;
const COOL_DOWN_MS = 5 * 60_000;

export class AgentStrikes {
  private readonly strikes = new Map<string, number[]>();
  private readonly cutOffUntil = new Map<string, number>();

  constructor(private readonly clock: () => Date) {}

  record(hostId: string): void {
    const now = this.clock().getTime();
    const recent = (this.strikes.get(hostId) ?? []).filter((time) => now - time < WINDOW_MS);
    recent.push(now);
    this.strikes.set(hostId, recent);
    if (recent.length >= MAX_STRIKES) {
      this.cutOffUntil.set(hostId, now + COOL_DOWN_MS);
      this.strikes.delete(hostId);
    }
  }

  isCutOff(hostId: string): boolean {
    const until = this.cutOffUntil.get(hostId);
    if (until === undefined) return false;
    if (this.clock().getTime() < until) return true;
    this.cutOffUntil.delete(hostId);
    return false;
  }
}
