import type { GroupMention, GroupSender } from '../../core/group-chat.js';
import { PushedGroupChat } from '../../core/group-chat.js';
import type { Logger } from '../../logger.js';
import { webhookBodies, WEBHOOK_MARKDOWN_BYTES } from './encode.js';
import { postToWebhook } from './webhook.js';

export interface WecomBotRoomOptions {
  /** WECOM_WEBHOOK_URL: the group's 消息推送 address, key included */
  webhookUrl: string;
  logger: Logger;
}

/**
 * The 企业微信/政务微信 group as a staff room: members @-mention the group's 智能机器人 (callbacks arrive on
 * /wecom/bot, routes.ts), and the room posts through the group's 消息推送 webhook (markdown, `<@userid>`).
 */
export class WecomBotRoom extends PushedGroupChat {
  override readonly kind = 'wecom';
  /** 消息推送: 20 posts a minute per robot, markdown up to 4096 bytes */
  readonly limits = { perMinute: 20, maxBytes: WEBHOOK_MARKDOWN_BYTES };

  constructor(private readonly opts: WecomBotRoomOptions) {
    super();
  }

  override async post(text: string, mentions: GroupMention[] = []): Promise<void> {
    for (const body of webhookBodies(text, mentions)) await postToWebhook(this.opts.webhookUrl, body);
  }

  /** A member's message, decoded by the route: the staff room's answer (undefined = nothing to say). */
  answer(from: GroupSender, text: string): Promise<string | undefined> {
    return this.handler(from, text);
  }

  /** An answer that missed the passive reply's deadline goes into the group, @-mentioning the asker. */
  async postLate(from: GroupSender, answer: string): Promise<void> {
    try {
      await this.post(answer, from.directoryId ? [{ handle: '', directoryId: from.directoryId }] : []);
    } catch (err) {
      this.opts.logger.error({ err, channel: 'wecom' }, '企业微信: a late staff-room answer could not be posted');
    }
  }
}
