import { textReply } from '../core/message.js';
import { ERASE_ROUTE, UNSUBSCRIBED_ROUTE } from '../dialogue/router.js';
import { isExactly } from '../dialogue/flows/phrases.js';
import type { Feature, FeatureContext } from '../features.js';
import { eraseVillager } from './erase.js';
import { runDailyExpiry } from './expire.js';
import { maskForStorage } from './mask.js';

const CONFIRM_PENDING = 'erase_confirm';
const CHECK_EVERY_MS = 60 * 60_000;

/**
 * Retention (issue 13, finding 8): the daily expiry of raw text (claimed once a day across
 * instances), 删除我的记录 with a confirmation, and erasure when a WeChat follower unsubscribes.
 */
export function retentionFeature(ctx: FeatureContext): Feature {
  const { messages, logger } = ctx;
  const policy = { days: ctx.config.RETENTION_DAYS, caseArchiveDays: ctx.config.RETENTION_CASE_ARCHIVE_DAYS };
  const confirmWords = messages.render('erase_confirm_words').split('|').map((w) => w.trim()).filter(Boolean);
  let timer: NodeJS.Timeout | undefined;
  const tick = async (): Promise<void> => {
    try {
      const counts = await runDailyExpiry(policy, maskForStorage);
      if (counts) logger.info({ counts, policy }, 'retention: expired raw text masked');
    } catch (err) {
      logger.error({ err }, 'retention: daily expiry failed (tried again within the hour)');
    }
  };
  return {
    name: 'retention',
    handlers: {
      [ERASE_ROUTE]: async () => ({ reply: textReply(messages.render('erase_confirm')), pending: CONFIRM_PENDING }),
      [`pending:${CONFIRM_PENDING}`]: async (d) => {
        if (!isExactly(d.text, confirmWords)) return { reply: textReply(messages.render('erase_cancelled')), pending: null };
        const counts = await eraseVillager(d.message.channel, d.message.userId, 'villager_request', maskForStorage);
        logger.info({ channel: d.message.channel, counts }, 'retention: a villager erased their records');
        return { reply: textReply(messages.render('erase_done')), forgetConversation: true };
      },
      [UNSUBSCRIBED_ROUTE]: async (d) => {
        const counts = await eraseVillager(d.message.channel, d.message.userId, 'unsubscribe', maskForStorage);
        logger.info({ channel: d.message.channel, counts }, 'retention: records of an unsubscribed follower erased');
        return { reply: textReply(), forgetConversation: true };
      },
    },
    start: async () => {
      void tick();
      timer = setInterval(() => void tick(), CHECK_EVERY_MS);
      timer.unref();
    },
    stop: async () => clearInterval(timer),
  };
}
