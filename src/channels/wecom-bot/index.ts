import type Router from '@koa/router';
import type { Config } from '../../config.js';
import { silentLogger, type Logger } from '../../logger.js';
import { WecomBotCrypto } from './crypto.js';
import { WecomBotRoom } from './room.js';
import { createWecomBotRouter } from './routes.js';

export { WecomBotCrypto, AIBOT_RECEIVE_ID } from './crypto.js';
export { WecomBotRoom } from './room.js';

/** The part of the config this channel reads. */
export type WecomBotConfigSlice = Pick<Config, 'WECOM_BOT_TOKEN' | 'WECOM_BOT_ENCODING_AES_KEY' | 'WECOM_WEBHOOK_URL'>;

export interface WecomBotChannel {
  /** the staff room: commands from the 智能机器人's callbacks, posts through the 消息推送 webhook */
  room: WecomBotRoom;
  /** GET/POST /wecom/bot */
  router: Router;
  /** resolves when late answers started so far are posted */
  drain(): Promise<void>;
}

/**
 * The 企业微信/政务微信 staff group (protocols.md §4): undefined unless WECOM_BOT_TOKEN,
 * WECOM_BOT_ENCODING_AES_KEY and WECOM_WEBHOOK_URL are all set (config.ts refuses a partial set).
 */
export function createWecomBotChannel(config: WecomBotConfigSlice, deps: { logger?: Logger; answerWithinMs?: number } = {}): WecomBotChannel | undefined {
  if (!config.WECOM_BOT_TOKEN || !config.WECOM_BOT_ENCODING_AES_KEY || !config.WECOM_WEBHOOK_URL) return undefined;
  const logger = deps.logger ?? silentLogger;
  const room = new WecomBotRoom({ webhookUrl: config.WECOM_WEBHOOK_URL, logger });
  const pending = new Set<Promise<void>>();
  const router = createWecomBotRouter({
    crypto: new WecomBotCrypto(config.WECOM_BOT_TOKEN, config.WECOM_BOT_ENCODING_AES_KEY),
    room, logger, answerWithinMs: deps.answerWithinMs ?? 4_000, bodyLimitBytes: 64 * 1024,
    track: (work) => {
      pending.add(work);
      void work.finally(() => pending.delete(work));
    },
  });
  return {
    room, router,
    drain: async () => {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
