// Limits password guessing against the console itself: failures are counted per source address
// and per user name in a sliding window. Whether the user exists plays no part, so the limiter
// gives no hint of it either.
export interface LoginLimits {
  readonly windowMs: number;
  readonly maxPerUser: number;
  readonly maxPerAddress: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { windowMs: 15 * 60_000, maxPerUser: 10, maxPerAddress: 50 };

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly clock: () => Date,
    private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
  ) {}

  /** Milliseconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfterMs(address: string, username: string): number {
    const now = this.clock().getTime();
    const waits = [
      this.wait(`ip:${address}`, this.limits.maxPerAddress, now),
      this.wait(`user:${username.toLowerCase()}`, this.limits.maxPerUser, now),
    ];
    return Math.max(...waits);
  }

  recordFailure(address: string, username: string): void {
    const now = this.clock().getTime();
    for (const key of [`ip:${address}`, `user:${username.toLowerCase()}`]) {
      const times = this.recent(key, now);
      times.push(now);
      this.failures.set(key, times);
    }
    if (this.failures.size > 100_000) this.prune(now);
  }

  recordSuccess(address: string, username: string): void {
    this.failures.delete(`user:${username.toLowerCase()}`);
    void address;
  }

  private wait(key: string, max: number, now: number): number {
    const times = this.recent(key, now);
    if (times.length < max) return 0;
    return (times[times.length - max] ?? now) + this.limits.windowMs - now;
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((time) => now - time < this.limits.windowMs);
  }

  private prune(now: number): void {
    for (const [key, times] of this.failures) {
      if (times.every((time) => now - time >= this.limits.windowMs)) this.failures.delete(key);
    }
  }
}
