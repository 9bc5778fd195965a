import { Bot } from 'grammy';
import type { TurnHandler } from '../../core/channel.js';
import type { Logger } from '../../logger.js';
import { decodeTelegramUpdate } from './decode.js';
import { encodeTelegramReply } from './encode.js';
import type { TelegramGroupChat } from './group-chat.js';
import type { UserFromGetMe } from './types.js';

export interface TelegramBotOptions {
  token: string;
  apiRoot: string;
  botInfo?: UserFromGetMe;
  handleTurn: TurnHandler;
  logger: Logger;
  deadlineMs: number;
  /** the staff group (STAFF_ROOM_TELEGRAM_CHAT): its messages go to the staff room, not to the villagers' pipeline */
  staffGroup?: () => TelegramGroupChat | undefined;
}

/** The grammY bot: every decodable message becomes a turn; each reply part is one ctx.reply. */
export function createTelegramBot(opts: TelegramBotOptions): Bot {
  const bot = new Bot(opts.token, {
    ...(opts.botInfo ? { botInfo: opts.botInfo } : {}),
    client: { apiRoot: opts.apiRoot.replace(/\/+$/, '') },
  });
  bot.on('message', async (ctx) => {
    const staff = opts.staffGroup?.();
    if (staff?.owns(ctx.chat.id)) {
      const answer = await staff.answerMessage(ctx.msg, ctx.me);
      if (answer) await ctx.reply(answer, { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } });
      return;
    }
    const inbound = decodeTelegramUpdate(ctx.update, ctx.me);
    if (!inbound) return;
    const outcome = await opts.handleTurn(inbound, { deadlineMs: opts.deadlineMs });
    if (outcome.duplicate) {
      opts.logger.debug({ channel: 'telegram', messageId: inbound.messageId }, 'duplicate Telegram message: nothing sent again');
      return;
    }
    // in groups, thread the answer under the question so the asker sees it is theirs
    const threading = inbound.groupId !== undefined
      ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } }
      : {};
    for (const text of encodeTelegramReply(outcome.reply)) await ctx.reply(text, threading);
  });
  return bot;
}
