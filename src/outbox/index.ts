import type { ChannelId } from '../core/message.js';
import type { Outbox } from './outbox.js';

export { Outbox, type DeliveryMeta, type OutboxOptions } from './outbox.js';
export { OutboxMessageModel, OUTBOX_STATUSES, type OutboxRecord, type OutboxStatus } from './outbox.model.js';
export { WECHAT_SENDS_PER_MESSAGE, WECHAT_WINDOW_MS, wechatWindowCheck, type DeliveryCheck, type WindowVerdict } from './wechat-window.js';
export { permanentReason, type UndeliverableReason } from './failures.js';
export { normaliseParts, recipientOf } from './parts.js';
export { configuredPace, DEFAULT_PACE, type ChannelPace } from './pace.js';

/**
 * Adapts a channel's `onOverflow(userId, parts)` (reply parts that missed or did not fit the
 * passive reply) to the outbox, so they are stored and pushed like any other message.
 */
export function outboxOverflow(outbox: Pick<Outbox, 'deliver'>, channel: ChannelId): (userId: string, parts: string[]) => Promise<void> {
  return (userId, parts) => outbox.deliver({ channel, userId }, { parts }, { reason: 'overflow' });
}
