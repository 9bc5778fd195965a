import type Router from '@koa/router';
import type { Bot } from 'grammy';
import type { PushSender, TurnHandler } from '../../core/channel.js';
import type { Config } from '../../config.js';
import { silentLogger, type Logger } from '../../logger.js';
import { createTelegramBot } from './bot.js';
import { encodeTelegramReply } from './encode.js';
import { TelegramGroupChat } from './group-chat.js';
import { createTelegramRouter } from './routes.js';
import type { UserFromGetMe } from './types.js';

export { decodeTelegramUpdate } from './decode.js';
export { encodeTelegramReply, TELEGRAM_TEXT_LIMIT } from './encode.js';

/** The part of the config this channel reads. */
export type TelegramConfigSlice = Pick<Config, 'TELEGRAM_BOT_TOKEN' | 'TELEGRAM_WEBHOOK_SECRET' | 'TELEGRAM_API_BASE'> & Partial<Pick<Config, 'STAFF_ROOM_TELEGRAM_CHAT'>>;

export interface TelegramChannelDeps {
  handleTurn: TurnHandler;
  logger?: Logger;
  /** skips getMe at the first update (tests, or a known bot) */
  botInfo?: UserFromGetMe;
  /** deadline per turn (default 8 s) */
  deadlineMs?: number;
  /** the webhook answers 200 after this long even when the turn runs on (default 9 s) */
  ackAfterMs?: number;
  bodyLimitBytes?: number;
}

export interface TelegramChannel {
  /** POST /telegram; register it with setWebhook(url, { secret_token: TELEGRAM_WEBHOOK_SECRET }) */
  router: Router;
  bot: Bot;
  /** sends to a chat id (a user id is its private chat id; groups are negative ids) */
  push: PushSender;
  /** the staff group (STAFF_ROOM_TELEGRAM_CHAT) on this bot, for the staff room */
  staffRoom: TelegramGroupChat | undefined;
  /** resolves when every update taken so far has been handled */
  drain(): Promise<void>;
}

/**
 * The Telegram channel (grammY, webhook mode; protocols.md §5). Undefined unless both
 * TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET are set: an unauthenticated webhook is not offered.
 */
export function createTelegramChannel(config: TelegramConfigSlice, deps: TelegramChannelDeps): TelegramChannel | undefined {
  if (!config.TELEGRAM_BOT_TOKEN || !config.TELEGRAM_WEBHOOK_SECRET) return undefined;
  const logger = deps.logger ?? silentLogger;
  let staffRoom: TelegramGroupChat | undefined;
  const bot = createTelegramBot({
    staffGroup: () => staffRoom,
    token: config.TELEGRAM_BOT_TOKEN,
    apiRoot: config.TELEGRAM_API_BASE,
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
    handleTurn: deps.handleTurn,
    logger,
    deadlineMs: deps.deadlineMs ?? 8_000,
  });
  if (config.STAFF_ROOM_TELEGRAM_CHAT) staffRoom = new TelegramGroupChat(config.STAFF_ROOM_TELEGRAM_CHAT, bot.api);
  const pending = new Set<Promise<void>>();
  const router = createTelegramRouter({
    bot,
    secretToken: config.TELEGRAM_WEBHOOK_SECRET,
    logger,
    ackAfterMs: deps.ackAfterMs ?? 9_000,
    bodyLimitBytes: deps.bodyLimitBytes ?? 1024 * 1024,
    track: (work) => {
      pending.add(work);
      void work.finally(() => pending.delete(work));
    },
  });
  const push: PushSender = {
    channel: 'telegram',
    async push(chatId, reply) {
      for (const text of encodeTelegramReply(reply)) await bot.api.sendMessage(chatId, text);
    },
  };
  return {
    router,
    bot,
    push,
    staffRoom,
    drain: async () => {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
