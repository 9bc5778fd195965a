import type { ChannelId } from '../core/message.js';

/** How fast the outbox may send through one channel: platform messages per second, and sends at once. */
export interface ChannelPace {
  perSecond: number;
  concurrency: number;
}

/**
 * Defaults per channel. WeChat documents no per-second limit for customer-service messages (客服消息)
 * — only the 5-per-user-message quota (protocols.md §1.6), checked before each send — so the outbox
 * sends as fast as the database lets it, up to 50/s. Telegram allows about 30 messages/s per bot.
 * QQ (passive replies within their window) and OneBot (a personal QQ account: risk control) go
 * slowly; the web chat only writes its own inbox.
 */
export const DEFAULT_PACE: Record<ChannelId, ChannelPace> = {
  wechat: { perSecond: 50, concurrency: 8 },
  telegram: { perSecond: 25, concurrency: 4 },
  qq: { perSecond: 5, concurrency: 2 },
  onebot: { perSecond: 5, concurrency: 2 },
  web: { perSecond: 100, concurrency: 8 },
  wechaty: { perSecond: 1, concurrency: 1 },
};

/**
 * A token bucket: `take()` resolves when one more send is allowed. The bucket holds `burst`
 * tokens and refills at `perSecond`; callers wait in the order they asked.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly perSecond: number, private readonly burst = 1, private readonly now: () => number = Date.now) {
    this.tokens = burst;
    this.last = now();
  }

  take(): Promise<void> {
    const turn = this.queue.then(() => this.waitForToken());
    this.queue = turn;
    return turn;
  }

  private async waitForToken(): Promise<void> {
    for (;;) {
      const t = this.now();
      this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond);
      this.last = t;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await new Promise((r) => setTimeout(r, Math.ceil(((1 - this.tokens) / this.perSecond) * 1000)));
    }
  }
}

/** Runs `work` over `items` with at most `concurrency` at once; resolves when all are done. */
export async function inPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}

/** The configured pace (OUTBOX_RATE_PER_SECOND, OUTBOX_CONCURRENCY) over the defaults. */
export function configuredPace(rates: Record<string, number> = {}, concurrency: Record<string, number> = {}): Partial<Record<ChannelId, Partial<ChannelPace>>> {
  const pace: Partial<Record<ChannelId, Partial<ChannelPace>>> = {};
  for (const channel of Object.keys(DEFAULT_PACE) as ChannelId[]) {
    const p: Partial<ChannelPace> = {};
    if (rates[channel]) p.perSecond = rates[channel];
    if (concurrency[channel]) p.concurrency = concurrency[channel];
    pace[channel] = p;
  }
  return pace;
}
