import { TurnRecordModel } from '../conversations/turn-record.model.js';
import { OutboxMessageModel, type OutboxRecord } from './outbox.model.js';

/**
 * WeChat customer-service rules (protocols.md §1.6): after a user's message the account may send
 * that user at most 5 messages within 48 h. We check before calling the API, so a message that
 * cannot go out is flagged at once (and the case gets its phone call) instead of burning retries.
 * The user's last inbound time comes from the `turns` collection; sends since then are counted
 * from the outbox (a message's parts count once each).
 */
export const WECHAT_WINDOW_MS = 48 * 60 * 60_000;
export const WECHAT_SENDS_PER_MESSAGE = 5;

export type WindowVerdict = { ok: true } | { ok: false; reason: 'window' | 'quota'; detail: string };

/** A per-channel check run before a message is sent. */
export type DeliveryCheck = (msg: OutboxRecord, now: Date) => Promise<WindowVerdict>;

export const wechatWindowCheck: DeliveryCheck = async (msg, now) => {
  // events (follow, menu click, scan) grant only 3 messages within 1 minute: not modelled, they open no window here
  const last = await TurnRecordModel.findOne({ channel: 'wechat', userId: msg.userId, 'event.name': { $exists: false } }, { receivedAt: 1 })
    .sort({ receivedAt: -1 })
    .lean();
  if (!last) return { ok: false, reason: 'window', detail: 'the user never wrote to the account' };
  const since = last.receivedAt;
  if (now.getTime() - since.getTime() > WECHAT_WINDOW_MS) {
    return { ok: false, reason: 'window', detail: `last message from the user at ${since.toISOString()} (over 48 h ago)` };
  }
  const used = await sentSince(msg, since);
  const left = msg.parts.length - (msg.partsSent ?? 0);
  // a message already partly sent has its earlier parts in `used`; only what is left must fit
  if (used + left > WECHAT_SENDS_PER_MESSAGE) {
    return { ok: false, reason: 'quota', detail: `${used} sent since the user's last message, ${left} more would exceed ${WECHAT_SENDS_PER_MESSAGE}` };
  }
  return { ok: true };
};

async function sentSince(msg: OutboxRecord, since: Date): Promise<number> {
  const rows = await OutboxMessageModel.find(
    { channel: 'wechat', userId: msg.userId, lastSentAt: { $gte: since }, partsSent: { $gt: 0 } },
    { partsSent: 1 },
  ).lean();
  return rows.reduce((sum, r) => sum + (r.partsSent ?? 0), 0);
}
