import type { ChannelId, Reply } from '../core/message.js';
import { splitToBytes } from '../core/text-parts.js';

/** WeChat's customer-service text limit (about 2048 bytes, protocols.md §1.3). */
const WECHAT_TEXT_MAX_BYTES = 2048;

const PART_SEPARATOR = '\n\n';

/**
 * The parts as they will be sent, one platform message each. WeChat counts every customer-service
 * message against a quota of 5 per user message, so the parts are joined (blank line between them)
 * and cut into as few ≤2048-byte messages as possible, preferably at line breaks.
 */
export function normaliseParts(channel: ChannelId, reply: Reply): string[] {
  const parts = reply.parts.filter((p) => p.trim().length > 0);
  if (channel !== 'wechat' || parts.length === 0) return parts;
  return splitToBytes([parts.join(PART_SEPARATOR)], WECHAT_TEXT_MAX_BYTES);
}

/** Who the channel's PushSender addresses: OneBot groups are `group:<id>`, other groups by their id. */
export function recipientOf(msg: { channel: string; userId: string; groupId?: string | null }): string {
  if (!msg.groupId) return msg.userId;
  return msg.channel === 'onebot' ? `group:${msg.groupId}` : msg.groupId;
}
