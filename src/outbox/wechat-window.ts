import mongoose, { Schema } from 'mongoose';
import { isDuplicateKey } from '../core/db-errors.js';
import { ConversationModel, conversationKey } from '../conversations/conversation.model.js';
import { TurnRecordModel } from '../conversations/turn-record.model.js';
import type { OutboxRecord } from './outbox.model.js';

/**
 * WeChat customer-service rules (protocols.md §1.6): after a user's message the account may send
 * that user at most 5 messages within 48 h. We check before calling the API, so a message that
 * cannot go out is flagged at once (and the case gets its phone call) instead of burning retries.
 * The user's last message time comes from their conversation (`lastMessageAt`, by `_id`); the
 * messages sent since then are counted in `push_quota` (one row per user, by `_id`), so a send
 * reads no collection that grows with use.
 */
export const WECHAT_WINDOW_MS = 48 * 60 * 60_000;
export const WECHAT_SENDS_PER_MESSAGE = 5;

export type WindowVerdict =
  | { ok: true; /** called after each part that went out (counts it against the quota) */ partSent?: () => Promise<void> }
  | { ok: false; reason: 'window' | 'quota'; detail: string };

/** A per-channel check run before a message is sent. */
export type DeliveryCheck = (msg: OutboxRecord, now: Date) => Promise<WindowVerdict>;

/** Customer-service messages sent to a user since their message at `windowAt`. */
const quotaSchema = new Schema(
  { _id: { type: String, required: true }, windowAt: { type: Date, required: true }, sent: { type: Number, required: true } },
  { collection: 'push_quota', versionKey: false },
);
export const PushQuotaModel = mongoose.model('PushQuota', quotaSchema);

/** The user's last message (events — follow, menu click, scan — open no 5-message window). */
async function lastMessageAt(userId: string): Promise<Date | undefined> {
  const conv = await ConversationModel.findById(conversationKey('wechat', userId), { lastMessageAt: 1 }).lean();
  if (conv?.lastMessageAt) return conv.lastMessageAt;
  // conversations stored before lastMessageAt existed (events are 3 messages in 1 minute: not modelled)
  const last = await TurnRecordModel.findOne({ channel: 'wechat', userId, 'event.name': { $exists: false } }, { receivedAt: 1 })
    .sort({ receivedAt: -1 })
    .lean();
  return last?.receivedAt;
}

async function recordSent(key: string, windowAt: Date, sent: number): Promise<void> {
  const write = () => PushQuotaModel.updateOne({ _id: key }, { $set: { windowAt, sent } }, { upsert: true });
  // the first send to a user races nobody in its lane; another instance's would hit the key: write again
  await write().catch((err: unknown) => {
    if (isDuplicateKey(err)) return write();
    throw err;
  });
}

export const wechatWindowCheck: DeliveryCheck = async (msg, now) => {
  const since = await lastMessageAt(msg.userId);
  if (!since) return { ok: false, reason: 'window', detail: 'the user never wrote to the account' };
  if (now.getTime() - since.getTime() > WECHAT_WINDOW_MS) {
    return { ok: false, reason: 'window', detail: `last message from the user at ${since.toISOString()} (over 48 h ago)` };
  }
  const key = `wechat:${msg.userId}`;
  const quota = await PushQuotaModel.findById(key).lean();
  let used = quota && quota.windowAt.getTime() === since.getTime() ? quota.sent : 0;
  const left = msg.parts.length - (msg.partsSent ?? 0);
  // a message already partly sent has its earlier parts in `used`; only what is left must fit
  if (used + left > WECHAT_SENDS_PER_MESSAGE) {
    return { ok: false, reason: 'quota', detail: `${used} sent since the user's last message, ${left} more would exceed ${WECHAT_SENDS_PER_MESSAGE}` };
  }
  return { ok: true, partSent: () => recordSent(key, since, ++used) };
};
