import { isDuplicateKey } from '../core/db-errors.js';
import { GroupPostError, type GroupMention, type GroupPostLimits } from '../core/group-chat.js';
import type { Logger } from '../logger.js';
import { claimDigest, Digest } from './digest.model.js';
import { QueuedPost, type QueuedPostRecord } from './post.model.js';
import type { StaffRoom } from './room.js';

export interface PostQueueOptions {
  room: StaffRoom;
  logger: Logger;
  /** how often pending posts are looked at (default 5 s) */
  intervalMs?: number;
  /** first back-off after a failure (default 5 s; doubles up to 5 min) */
  retryBaseMs?: number;
}

/** A send claimed by an instance that then vanished is taken over after this long. */
const LEASE_MS = 120_000;
const MAX_BACKOFF_MS = 300_000;
const BATCH = 50;
/** room for the @-mentions the transport adds when several posts are merged into one */
const MENTION_RESERVE_BYTES = 512;

type Mention = GroupMention;

/**
 * The staff room's durable outbox. A post is stored first (its key makes it once-only), then sent; a send
 * the platform refuses (down, rate-limited, 45009) stays queued and is tried again with back-off, never
 * dropped. Several instances share the queue: each attempt is claimed by a unique insert
 * ('send:<key>:<queued at>:<attempt>'), so one instance sends it. Where the platform limits posts per minute, posts
 * due together are merged into one message within its size limit, and the rest wait for the window.
 */
export class PostQueue {
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private readonly sentAt: number[] = [];

  constructor(private readonly opts: PostQueueOptions) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => { void this.flush(); }, this.opts.intervalMs ?? 5_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.chain;
  }

  /**
   * Stores the post (false when one with this key is already waiting) and tries to send what is due.
   * Resolves after that attempt; a failed send stays queued.
   */
  async enqueue(key: string, text: string, mentions: Mention[] = []): Promise<boolean> {
    const now = new Date();
    try {
      await QueuedPost.collection.insertOne({ _id: key as never, text, mentions: dedupe(mentions), attempts: 0, nextAt: now, createdAt: now });
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
    await this.flush();
    return true;
  }

  /** Sends what is due (one pass at a time per instance). */
  flush(): Promise<void> {
    this.chain = this.chain.then(() => this.pass()).catch((err: unknown) => this.opts.logger.error({ err }, 'staff-room post queue pass failed'));
    return this.chain;
  }

  private async pass(): Promise<void> {
    const { room } = this.opts;
    if (room.isReady && !room.isReady()) return;
    const now = new Date();
    const due = await QueuedPost.find({ nextAt: { $lte: now } }).sort({ createdAt: 1 }).limit(BATCH).lean<QueuedPostRecord[]>();
    const mine: QueuedPostRecord[] = [];
    for (const p of due) {
      if (await claimDigest(sendKey(p), now)) mine.push(p);
      else await this.takeOverStale(p, now);
    }
    for (const group of merge(mine, room.limits)) {
      const wait = this.windowWait(room.limits, Date.now());
      if (wait > 0) {
        await this.failed(group, new GroupPostError('staff-room post rate window full', wait));
        continue;
      }
      try {
        await room.post(group.map((p) => p.text).join('\n\n'), dedupe(group.flatMap((p) => p.mentions)));
        this.sentAt.push(Date.now());
        await QueuedPost.deleteMany({ _id: { $in: group.map((p) => p._id) } });
      } catch (err) {
        await this.failed(group, err);
      }
    }
  }

  /** ms until this instance may post again within the platform's per-minute limit (0 = now). */
  private windowWait(limits: GroupPostLimits | undefined, now: number): number {
    if (!limits) return 0;
    while (this.sentAt.length && (this.sentAt[0] ?? 0) <= now - 60_000) this.sentAt.shift();
    return this.sentAt.length < limits.perMinute ? 0 : (this.sentAt[0] ?? now) + 60_000 - now;
  }

  private async failed(group: QueuedPostRecord[], err: unknown): Promise<void> {
    const retryAfter = err instanceof GroupPostError ? err.retryAfterMs : undefined;
    for (const p of group) {
      const delay = retryAfter ?? Math.min((this.opts.retryBaseMs ?? 5_000) * 2 ** p.attempts, MAX_BACKOFF_MS);
      const lastError = err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error';
      await QueuedPost.updateOne({ _id: p._id }, { $set: { attempts: p.attempts + 1, nextAt: new Date(Date.now() + delay), lastError } });
    }
    const keys = group.map((p) => p._id);
    if (retryAfter !== undefined) this.opts.logger.info({ keys, retryAfterMs: retryAfter }, 'staff-room posts wait for the rate window');
    else this.opts.logger.warn({ err, keys, attempts: (group[0]?.attempts ?? 0) + 1 }, 'staff-room post failed; it stays queued and is retried');
  }

  /** Another instance claimed this attempt and never finished it (it stopped): move on to the next attempt. */
  private async takeOverStale(p: QueuedPostRecord, now: Date): Promise<void> {
    const claim = await Digest.findById(sendKey(p)).lean<{ at: Date }>();
    if (!claim || now.getTime() - claim.at.getTime() < LEASE_MS) return;
    await QueuedPost.updateOne({ _id: p._id, attempts: p.attempts }, { $set: { attempts: p.attempts + 1 } });
  }
}

/** The claim of one attempt; with the queueing instant, so a key queued again later starts afresh. */
function sendKey(p: Pick<QueuedPostRecord, '_id' | 'attempts' | 'createdAt'>): string {
  return `send:${p._id}:${p.createdAt.getTime()}:${p.attempts}`;
}

function dedupe(mentions: Mention[]): Mention[] {
  const seen = new Map<string, Mention>();
  for (const m of mentions) seen.set(`${m.handle}|${m.chatId ?? ''}|${m.directoryId ?? ''}`, m);
  return [...seen.values()];
}

/** Posts in order, merged into groups that fit the platform's size limit (one post each without limits). */
export function merge(posts: QueuedPostRecord[], limits: GroupPostLimits | undefined): QueuedPostRecord[][] {
  if (!limits) return posts.map((p) => [p]);
  const budget = limits.maxBytes - MENTION_RESERVE_BYTES;
  const groups: QueuedPostRecord[][] = [];
  let current: QueuedPostRecord[] = [];
  let bytes = 0;
  for (const p of posts) {
    const size = Buffer.byteLength(p.text) + 2;
    if (current.length && bytes + size > budget) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(p);
    bytes += size;
  }
  if (current.length) groups.push(current);
  return groups;
}
