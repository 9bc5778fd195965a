import { isDuplicateKey } from '../core/db-errors.js';
import { randomUUID } from 'node:crypto';
import type { PushSender } from '../core/channel.js';
import type { ChannelId, Reply } from '../core/message.js';
import type { Deliverer } from '../features.js';
import type { Logger } from '../logger.js';
import { claimDue, sweepClaims } from './claims.js';
import { describeError, permanentReason, type UndeliverableReason } from './failures.js';
import { OutboxMessageModel, type OutboxRecord } from './outbox.model.js';
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
}


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
        for (let msg = await this.claim(); msg; msg = await this.claim()) await this.process(msg);
      } while (this.again);
    } catch (err) {
      this.opts.logger.error({ err }, 'outbox worker pass failed; will retry on the next tick');
    }
  }

  private claim(): Promise<OutboxRecord | null> {
    return claimDue(this.instanceId, this.now(), this.claimMs());
  }

  private claimMs(): number {
    return this.opts.claimMs ?? 60_000;
  }

  private async process(msg: OutboxRecord): Promise<void> {
    const sender = this.senders.get(msg.channel as ChannelId);
    if (!sender) return this.giveUp(msg, 'no-sender', `no push sender registered for ${msg.channel}`);
    const verdict = await this.checks[msg.channel as ChannelId]?.(msg, new Date(this.now()));
    if (verdict && !verdict.ok) return this.giveUp(msg, verdict.reason, verdict.detail);
    try {
      for (let i = msg.partsSent ?? 0; i < msg.parts.length; i++) {
        await sender.push(recipientOf(msg), { parts: [msg.parts[i] ?? ''] });
        if (!(await this.recordPart(msg))) return; // our claim lapsed and another worker took over
      }
      await this.mine(msg, { $set: { status: 'sent', sentAt: new Date(this.now()) }, $unset: { claimedBy: 1, claimUntil: 1 } });
    } catch (err) {
      await this.failed(msg, err);
    }
  }

  private async recordPart(msg: OutboxRecord): Promise<boolean> {
    const t = this.now();
    return this.mine(msg, { $inc: { partsSent: 1 }, $set: { lastSentAt: new Date(t), claimUntil: new Date(t + this.claimMs()) } });
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

  /** Updates the message only while this instance still holds its claim. */
  private async mine(msg: OutboxRecord, update: Record<string, unknown>): Promise<boolean> {
    const res = await OutboxMessageModel.updateOne({ _id: msg._id, claimedBy: this.instanceId, status: 'sending' }, update);
    return res.modifiedCount === 1;
  }
}
