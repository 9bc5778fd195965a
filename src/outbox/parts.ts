import { CUSTOMER_SERVICE_MAX_BYTES, customerServiceParts } from '../channels/wechat-official/push.js';
import type { ChannelId, Reply } from '../core/message.js';

const PART_SEPARATOR = '\n\n';

/**
 * The parts as they will be sent, one platform message each. WeChat counts every customer-service
 * message against a quota of 5 per user message, so the parts are joined (blank line between them)
 * and cut into as few ≤2048-byte messages as possible, preferably at line breaks.
 */
export function normaliseParts(channel: ChannelId, reply: Reply): string[] {
  const parts = reply.parts.filter((p) => p.trim().length > 0);
  if (channel !== 'wechat' || parts.length === 0) return parts;
  return customerServiceParts({ parts: [parts.join(PART_SEPARATOR)] }, CUSTOMER_SERVICE_MAX_BYTES);
}

/** Who the channel's PushSender addresses: OneBot groups are `group:<id>`, other groups by their id. */
export function recipientOf(msg: { channel: string; userId: string; groupId?: string | null }): string {
  if (!msg.groupId) return msg.userId;
  return msg.channel === 'onebot' ? `group:${msg.groupId}` : msg.groupId;
}
