/** Per IP+username login throttle, in memory: after maxFailures failures the pair is locked for lockMs. */
export class LoginLimiter {
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();

  constructor(
    private readonly maxFailures = 5,
    private readonly lockMs = 15 * 60_000,
    private readonly maxEntries = 10_000,
  ) {}

  /** The time the pair stays locked until, or undefined when it may try. */
  lockedUntil(ip: string, username: string, now = Date.now()): Date | undefined {
    const entry = this.failures.get(`${ip}|${username}`);
    if (!entry || entry.lockedUntil <= now) return undefined;
    return new Date(entry.lockedUntil);
  }

  fail(ip: string, username: string, now = Date.now()): void {
    const key = `${ip}|${username}`;
    const entry = this.failures.get(key);
    const count = entry && entry.lockedUntil <= now && entry.lockedUntil !== 0 ? 1 : (entry?.count ?? 0) + 1;
    this.failures.set(key, { count, lockedUntil: count >= this.maxFailures ? now + this.lockMs : 0 });
    if (this.failures.size > this.maxEntries) this.prune(now);
  }

  succeed(ip: string, username: string): void {
    this.failures.delete(`${ip}|${username}`);
  }

  private prune(now: number): void {
    for (const [key, e] of this.failures) if (e.lockedUntil <= now) this.failures.delete(key);
    // still too many (a flood of distinct names): forget the oldest entries
    for (const key of this.failures.keys()) {
      if (this.failures.size <= this.maxEntries) break;
      this.failures.delete(key);
    }
  }
}
