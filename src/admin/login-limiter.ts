/**
 * Login throttling per account+source, in memory (issue 13, finding 2). Why delays and not a hard lock:
 * a lock keyed on the account lets anyone lock a real user out by guessing; a delay keyed on the
 * account AND the source slows the guesser only. Per pair, the first `freeFailures` failures cost
 * nothing, then each further attempt must wait `baseDelayMs` · 2^(n − free), up to `maxDelayMs`.
 * Per source (any account: floods of invented usernames), `sourceFailures` failures within
 * `windowMs` make that source wait for the window to pass. A browser that logged in to the account
 * before (device cookie) is not throttled at all; see auth.routes.ts.
 */
export interface LoginLimiterOptions {
  freeFailures?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  sourceFailures?: number;
  windowMs?: number;
  maxEntries?: number;
}

interface Entry { count: number; firstAt: number; lastAt: number }

export class LoginLimiter {
  private readonly pairs = new Map<string, Entry>();
  private readonly sources = new Map<string, Entry>();
  private readonly o: Required<LoginLimiterOptions>;

  constructor(options: LoginLimiterOptions = {}) {
    this.o = { freeFailures: 5, baseDelayMs: 30_000, maxDelayMs: 15 * 60_000, sourceFailures: 30, windowMs: 15 * 60_000, maxEntries: 10_000, ...options };
  }

  /** When this source may next try this account, or undefined when it may try now. */
  retryAt(ip: string, username: string, now = Date.now()): Date | undefined {
    const pair = this.live(this.pairs, `${ip}|${username}`, now);
    const source = this.live(this.sources, ip, now);
    const waits: number[] = [];
    if (pair && pair.count >= this.o.freeFailures) {
      waits.push(pair.lastAt + Math.min(this.o.baseDelayMs * 2 ** (pair.count - this.o.freeFailures), this.o.maxDelayMs));
    }
    if (source && source.count >= this.o.sourceFailures) waits.push(source.firstAt + this.o.windowMs);
    const until = Math.max(0, ...waits);
    return until > now ? new Date(until) : undefined;
  }

  fail(ip: string, username: string, now = Date.now()): void {
    this.bump(this.pairs, `${ip}|${username}`, now);
    this.bump(this.sources, ip, now);
  }

  succeed(ip: string, username: string): void {
    this.pairs.delete(`${ip}|${username}`);
  }

  /** an entry whose last failure is older than the window (and its longest delay) is forgotten */
  private live(map: Map<string, Entry>, key: string, now: number): Entry | undefined {
    const e = map.get(key);
    if (e && now - e.lastAt > Math.max(this.o.windowMs, this.o.maxDelayMs)) {
      map.delete(key);
      return undefined;
    }
    return e;
  }

  private bump(map: Map<string, Entry>, key: string, now: number): void {
    const e = this.live(map, key, now);
    map.set(key, e ? { count: e.count + 1, firstAt: e.firstAt, lastAt: now } : { count: 1, firstAt: now, lastAt: now });
    if (map.size > this.o.maxEntries) this.prune(map, now);
  }

  private prune(map: Map<string, Entry>, now: number): void {
    for (const key of [...map.keys()]) this.live(map, key, now);
    // still too many (a flood of distinct names): forget the oldest entries
    for (const key of map.keys()) {
      if (map.size <= this.o.maxEntries) break;
      map.delete(key);
    }
  }
}

/**
 * A global cap on password checks (scrypt costs ~20 ms of a core each): a token bucket refilled at
 * `perSecond`. Browsers that logged in before draw from their own bucket, so a flood of guesses
 * cannot keep a real user out either; at most 2 × perSecond checks run each second.
 */
export class PasswordCheckGate {
  private readonly buckets = { known: { tokens: 0, at: 0 }, other: { tokens: 0, at: 0 } };

  constructor(private readonly perSecond: number, private readonly now: () => number = Date.now) {
    this.buckets.known.tokens = perSecond;
    this.buckets.other.tokens = perSecond;
  }

  /** Takes one check from the bucket; false when the cap for this second is used up. */
  tryAcquire(knownDevice: boolean): boolean {
    const b = knownDevice ? this.buckets.known : this.buckets.other;
    const t = this.now();
    b.tokens = Math.min(this.perSecond, b.tokens + ((t - b.at) / 1000) * this.perSecond);
    b.at = t;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /**
   * Waits up to `maxWaitMs` for a check: a few people logging in at the same moment are served a
   * moment later instead of refused; a flood still gets no more than the cap (the rest are refused).
   */
  async acquire(knownDevice: boolean, maxWaitMs = 1500): Promise<boolean> {
    const until = this.now() + maxWaitMs;
    while (!this.tryAcquire(knownDevice)) {
      if (this.now() >= until) return false;
      await new Promise((r) => setTimeout(r, Math.max(20, Math.ceil(1000 / this.perSecond))));
    }
    return true;
  }
}
