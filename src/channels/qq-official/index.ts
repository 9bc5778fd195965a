import type Router from '@koa/router';
import type { TurnHandler } from '../../core/channel.js';
import type { Config } from '../../config.js';
import { silentLogger, type Logger } from '../../logger.js';
import { createQqApi } from './api.js';
import { qqKeys } from './crypto.js';
import { createQqRouter } from './routes.js';
import { createQqPushSender, type QqPushSender } from './sender.js';

export { QqReplyWindowError, QQ_MAX_REPLIES_PER_MSG, QQ_REPLY_WINDOW_MS, createQqPushSender } from './sender.js';
export type { QqPushSender, QqWindowProblem } from './sender.js';

/** The part of the config this channel reads. */
export type QqConfigSlice = Pick<Config, 'QQ_APPID' | 'QQ_SECRET' | 'QQ_AUTH_BASE' | 'QQ_API_BASE'>;

export interface QqChannelDeps {
  handleTurn: TurnHandler;
  logger?: Logger;
  /** deadline per turn (default 30 s: the reply goes out after the ACK, within QQ's 5/60 min window) */
  deadlineMs?: number;
  bodyLimitBytes?: number;
  now?: () => number;
}

export interface QqChannel {
  /** POST /qq */
  router: Router;
  /** passive replies / later answers within QQ's reply windows */
  push: QqPushSender;
  /** resolves when every turn started so far has been answered (tests, graceful stop) */
  drain(): Promise<void>;
}

/**
 * The QQ official bot channel (webhook mode, protocols.md §2). Returns undefined when
 * QQ_APPID or QQ_SECRET is not set, so the composition root simply skips it.
 */
export function createQqChannel(config: QqConfigSlice, deps: QqChannelDeps): QqChannel | undefined {
  if (!config.QQ_APPID || !config.QQ_SECRET) return undefined;
  const now = deps.now ?? Date.now;
  const api = createQqApi({ appId: config.QQ_APPID, secret: config.QQ_SECRET, authBase: config.QQ_AUTH_BASE, apiBase: config.QQ_API_BASE, now });
  const push = createQqPushSender(api, now);
  const pending = new Set<Promise<void>>();
  const router = createQqRouter({
    keys: qqKeys(config.QQ_SECRET),
    handleTurn: deps.handleTurn,
    sender: push,
    logger: deps.logger ?? silentLogger,
    deadlineMs: deps.deadlineMs ?? 30_000,
    bodyLimitBytes: deps.bodyLimitBytes ?? 64 * 1024,
    track: (work) => {
      pending.add(work);
      void work.finally(() => pending.delete(work));
    },
  });
  return {
    router,
    push,
    drain: async () => {
      while (pending.size > 0) await Promise.all([...pending]);
      await push.flush();
    },
  };
}
