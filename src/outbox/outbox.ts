import { isDuplicateKey } from '../core/db-errors.js';
import { randomUUID } from 'node:crypto';
import type { PushSender } from '../core/channel.js';
import type { ChannelId, Reply } from '../core/message.js';
import type { Deliverer } from '../features.js';
import type { Logger } from '../logger.js';
import { claim, dueCandidates, laneOf, sweepClaims, type Candidate } from './claims.js';
import { describeError, permanentReason, type UndeliverableReason } from './failures.js';
import { OutboxMessageModel, type OutboxRecord } from './outbox.model.js';
import { DEFAULT_PACE, inPool, RateLimiter, type ChannelPace } from './pace.js';
import { normaliseParts, recipientOf } from './parts.js';
import { wechatWindowCheck, type DeliveryCheck } from './wechat-window.js';

export interface DeliveryMeta {
  caseNumber?: string;
  reason?: string;
  /** the same key is enqueued once only (e.g. `case:T20260301-0001:accepted`) */
  dedupeKey?: string;
}

export interface OutboxOptions {
  logger: Logger;
  /** a message will never reach the villager (window closed, quota, no sender, attempts used up) */
  onUndeliverable?: (msg: OutboxRecord) => Promise<void> | void;
  now?: () => number;
  /** how often the worker looks for due messages (default 500 ms) */
  intervalMs?: number;
  /** attempts before a transiently failing message is marked 'failed' (default 5) */
  maxAttempts?: number;
  /** first retry delay; doubled on each attempt (default 2 s → 2, 4, 8, 16 s) */
  baseDelayMs?: number;
  /** how long a claim holds; an instance that died mid-send loses it after this (default 60 s) */
  claimMs?: number;
  /** platform rules checked before sending (default: WeChat's 48 h / 5-message window) */
  checks?: Partial<Record<ChannelId, DeliveryCheck>>;
  /** messages per second and sends at once, per channel (defaults: DEFAULT_PACE) */
  pace?: Partial<Record<ChannelId, Partial<ChannelPace>>>;
}

/** a claim this close to its end is read back before writing (another instance may take it after) */
const CLAIM_MARGIN_MS = 5000;


/**
 * The durable outbox: every message that is not a passive reply is stored first, then sent by a
 * worker that claims it atomically, retries transient failures with exponential backoff, and
 * reports what can never be delivered. Implements the features' Deliverer.
 */
export class Outbox implements Deliverer {
  readonly instanceId = randomUUID();
  private readonly senders = new Map<ChannelId, PushSender>();
  private readonly now: () => number;
  private readonly checks: Partial<Record<ChannelId, DeliveryCheck>>;
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private again = false;
  private running = false;
  private lastSweep = 0;
  /** lanes (recipients) with a message in flight here */
  private readonly busy = new Set<string>();
  private readonly limiters = new Map<ChannelId, RateLimiter>();

  constructor(private readonly opts: OutboxOptions) {
    this.now = opts.now ?? Date.now;
    this.checks = opts.checks ?? { wechat: wechatWindowCheck };
  }

  /** Sends for `sender.channel` go through this sender from now on. */
  register(sender: PushSender): this {
    this.senders.set(sender.channel, sender);
    return this;
  }

  /** Stores the message (acknowledged write) and wakes the worker. */
  async deliver(target: { channel: ChannelId; userId: string; groupId?: string }, reply: Reply, meta: DeliveryMeta = {}): Promise<void> {
    const parts = normaliseParts(target.channel, reply);
    if (parts.length === 0) return;
    const at = new Date(this.now());
    try {
      await OutboxMessageModel.create({
        ...target,
        parts,
        meta: { caseNumber: meta.caseNumber, reason: meta.reason },
        dedupeKey: meta.dedupeKey,
        status: 'pending',
        nextAttemptAt: at,
        createdAt: at,
      });
    } catch (err) {
      if (meta.dedupeKey !== undefined && isDuplicateKey(err)) return; // already enqueued once
      throw err;
    }
    this.kick();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.tick();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.draining;
  }

  /** Sends everything due now; resolves when no due message is left. (The worker calls this.) */
  drain(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = this.drainLoop().finally(() => {
      this.draining = undefined;
    });
    return this.draining;
  }

  private kick(): void {
    if (this.running) void this.drain();
  }

  private tick(): void {
    void this.drain().finally(() => {
      if (!this.running) return;
      this.timer = setTimeout(() => this.tick(), this.opts.intervalMs ?? 500);
      this.timer.unref();
    });
  }

  private async drainLoop(): Promise<void> {
    try {
      if (this.now() - this.lastSweep > 60 * 60_000) {
        this.lastSweep = this.now();
        await sweepClaims(this.lastSweep);
      }
      do {
        this.again = false;
        while (await this.sendRound()) {
          // another round: lanes whose next message was waiting behind the one just sent
        }
      } while (this.again);
    } catch (err) {
      this.opts.logger.error({ err }, 'outbox worker pass failed; will retry on the next tick');
    }
  }

  /** One scan, then every due lane's next message, each channel at its pace; false when nothing was claimed. */
  private async sendRound(): Promise<boolean> {
    const due = await dueCandidates(this.now(), this.busy);
    const byChannel = new Map<string, Candidate[]>();
    for (const c of due) byChannel.set(c.channel, [...(byChannel.get(c.channel) ?? []), c]);
    let claimed = 0;
    await Promise.all([...byChannel].map(([channel, list]) => inPool(list, this.pace(channel as ChannelId).concurrency, async (c) => {
      const lane = laneOf(c);
      this.busy.add(lane);
      try {
        const msg = await claim(c, this.instanceId, this.now(), this.claimMs());
        if (!msg) return;
        claimed++;
        await this.process(msg);
      } catch (err) {
        this.opts.logger.error({ err, channel: c.channel, outboxId: String(c._id) }, 'outbox send failed on the database; the claim lapses and it is retried');
      } finally {
        this.busy.delete(lane);
      }
    })));
    return claimed > 0;
  }

  private claimMs(): number {
    return this.opts.claimMs ?? 60_000;
  }

  private pace(channel: ChannelId): ChannelPace {
    return { ...(DEFAULT_PACE[channel] ?? { perSecond: 1, concurrency: 1 }), ...this.opts.pace?.[channel] };
  }

  private limiter(channel: ChannelId): RateLimiter {
    let limiter = this.limiters.get(channel);
    if (!limiter) {
      const p = this.pace(channel);
      limiter = new RateLimiter(p.perSecond, p.concurrency, this.now);
      this.limiters.set(channel, limiter);
    }
    return limiter;
  }

  private async process(msg: OutboxRecord): Promise<void> {
    const channel = msg.channel as ChannelId;
    const sender = this.senders.get(channel);
    if (!sender) return this.giveUp(msg, 'no-sender', `no push sender registered for ${msg.channel}`);
    const verdict = await this.checks[channel]?.(msg, new Date(this.now()));
    if (verdict && !verdict.ok) return this.giveUp(msg, verdict.reason, verdict.detail);
    for (let i = msg.partsSent ?? 0; i < msg.parts.length; i++) {
      await this.limiter(channel).take();
      try {
        await sender.push(recipientOf(msg), { parts: [msg.parts[i] ?? ''] });
      } catch (err) {
        return this.failed(msg, err);
      }
      // the part is out: its bookkeeping must be written, so it is retried through a database outage
      const last = i === msg.parts.length - 1;
      if (!(await this.persistently(msg, () => this.recordPart(msg, i + 1, last, verdict?.partSent)))) return;
    }
  }

  /** Records that `sent` parts are out (and the message sent after its last); false when our claim lapsed. */
  private async recordPart(msg: OutboxRecord, sent: number, last: boolean, counted?: () => Promise<void>): Promise<boolean> {
    await counted?.();
    const t = this.now();
    if (last) {
      return this.mine(msg, { $set: { partsSent: sent, lastSentAt: new Date(t), status: 'sent', sentAt: new Date(t) }, $unset: { claimedBy: 1, claimUntil: 1 } });
    }
    const claimUntil = new Date(t + this.claimMs());
    const ok = await this.mine(msg, { $set: { partsSent: sent, lastSentAt: new Date(t), claimUntil } });
    if (ok) msg.claimUntil = claimUntil;
    return ok;
  }

  /**
   * Retries `write` while the database is unreachable, for as long as our claim holds (nobody else
   * may send the message meanwhile); after that the message is resent from its last recorded part.
   */
  private async persistently(msg: OutboxRecord, write: () => Promise<boolean>): Promise<boolean> {
    for (let delay = 250; ; delay = Math.min(delay * 2, 2000)) {
      try {
        return await write();
      } catch (err) {
        if (this.now() + delay >= (msg.claimUntil?.getTime() ?? 0) - CLAIM_MARGIN_MS) throw err;
        this.opts.logger.warn({ channel: msg.channel, outboxId: String(msg._id), err: describeError(err) }, 'outbox could not record a sent part; retrying');
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  private async failed(msg: OutboxRecord, err: unknown): Promise<void> {
    const reason = permanentReason(err);
    if (reason) return this.giveUp(msg, reason, describeError(err));
    const attempts = (msg.attempts ?? 0) + 1;
    const maxAttempts = this.opts.maxAttempts ?? 5;
    if (attempts >= maxAttempts) return this.giveUp(msg, 'attempts', describeError(err), 'failed', attempts);
    const delay = (this.opts.baseDelayMs ?? 2000) * 2 ** (attempts - 1);
    this.opts.logger.warn({ channel: msg.channel, outboxId: String(msg._id), attempts, err: describeError(err) }, 'outbox send failed; will retry');
    await this.mine(msg, {
      $set: { status: 'pending', attempts, nextAttemptAt: new Date(this.now() + delay), lastError: describeError(err) },
      $unset: { claimedBy: 1, claimUntil: 1 },
    });
  }

  private async giveUp(msg: OutboxRecord, reason: UndeliverableReason, detail: string, status: 'undeliverable' | 'failed' = 'undeliverable', attempts = msg.attempts): Promise<void> {
    const changed = await this.mine(msg, {
      $set: { status, undeliverableReason: reason, lastError: detail, attempts },
      $unset: { claimedBy: 1, claimUntil: 1 },
    });
    if (!changed) return;
    this.opts.logger.warn({ channel: msg.channel, outboxId: String(msg._id), reason, caseNumber: msg.meta?.caseNumber }, 'outbox message cannot be delivered');
    const final = await OutboxMessageModel.findById(msg._id).lean<OutboxRecord>();
    try {
      if (final) await this.opts.onUndeliverable?.(final);
    } catch (err) {
      this.opts.logger.error({ err, outboxId: String(msg._id) }, 'onUndeliverable hook failed');
    }
  }

  /**
   * Updates the message only while this instance still holds its claim. Inside the claim's time
   * nobody else may touch it, so the update goes by `_id` alone; near its end the claim is read back.
   */
  private async mine(msg: OutboxRecord, update: Record<string, unknown>): Promise<boolean> {
    if (this.now() > (msg.claimUntil?.getTime() ?? 0) - CLAIM_MARGIN_MS) {
      const current = await OutboxMessageModel.findById(msg._id, { claimedBy: 1, status: 1, claimGen: 1 }).lean();
      if (current?.claimedBy !== this.instanceId || current.status !== 'sending' || current.claimGen !== msg.claimGen) return false;
    }
    const res = await OutboxMessageModel.updateOne({ _id: msg._id }, update);
    return res.matchedCount === 1;
  }
}
