import Router from '@koa/router';
import type { Context } from 'koa';
import getRawBody from 'raw-body';
import { BotError, GrammyError, type Bot } from 'grammy';
import type { Logger } from '../../logger.js';
import { telegramSecretMatches } from './crypto.js';
import { parseTelegramUpdate } from './validate.js';

export interface TelegramRouteDeps {
  bot: Bot;
  secretToken: string;
  logger: Logger;
  /** answer 200 after this long even if the turn is still running (grammY's onTimeout: 'return') */
  ackAfterMs: number;
  bodyLimitBytes: number;
  track: (work: Promise<void>) => void;
}

/** A failed update, logged without grammY's context (it holds the bot token and the whole update). */
function logFailure(logger: Logger, updateId: number, err: unknown): void {
  const cause = err instanceof BotError ? err.error : err;
  if (cause instanceof GrammyError && cause.error_code === 403) {
    logger.warn({ channel: 'telegram', updateId, method: cause.method, description: cause.description }, 'Telegram refused the reply (the villager blocked the bot or left the chat)');
    return;
  }
  logger.error({ channel: 'telegram', updateId, err: cause }, 'Telegram update failed');
}

function settledOrTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const initializing = new WeakMap<Bot, Promise<void>>();

/** bot.init() once (it calls getMe unless botInfo was given), shared by concurrent first requests. */
async function ensureInit(bot: Bot): Promise<void> {
  if (bot.isInited()) return;
  let pending = initializing.get(bot);
  if (!pending) {
    pending = bot.init().finally(() => initializing.delete(bot));
    initializing.set(bot, pending);
  }
  await pending;
}

async function handleWebhook(ctx: Context, deps: TelegramRouteDeps): Promise<void> {
  if (!telegramSecretMatches(deps.secretToken, ctx.get('x-telegram-bot-api-secret-token') || undefined)) {
    deps.logger.warn({ channel: 'telegram' }, 'Telegram webhook call with a bad secret token refused');
    ctx.status = 401;
    return;
  }
  const update = parseTelegramUpdate(await getRawBody(ctx.req, { limit: deps.bodyLimitBytes }));
  if (!update) {
    deps.logger.warn({ channel: 'telegram', status: 400 }, 'Telegram update refused: not a Bot API update');
    ctx.status = 400;
    return;
  }
  await ensureInit(deps.bot);
  const work = deps.bot.handleUpdate(update).catch((err: unknown) => logFailure(deps.logger, update.update_id, err));
  deps.track(work);
  // a slow turn must not make Telegram redeliver: answer 200 once the ack time is up, keep working
  await settledOrTimeout(work, deps.ackAfterMs);
  ctx.status = 200;
}

/** POST /telegram: the grammY bot's webhook, with the secret token checked before the body is read. */
export function createTelegramRouter(deps: TelegramRouteDeps): Router {
  const router = new Router();
  router.post('/telegram', async (ctx) => {
    try {
      await handleWebhook(ctx, deps);
    } catch (err) {
      if ((err as { type?: unknown } | null)?.type === 'entity.too.large') {
        ctx.status = 413;
        ctx.set('Connection', 'close'); // the unread body is still on the socket
        return;
      }
      throw err;
    }
  });
  return router;
}
