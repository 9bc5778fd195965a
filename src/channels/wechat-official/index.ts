import type Router from '@koa/router';
import type { TurnHandler } from '../../core/channel.js';
import { ConfigError } from '../../core/errors.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import { createWechatRouter } from './routes.js';

export { createWechatRouter, type WechatRouterOptions } from './routes.js';

/** The part of the configuration this channel reads. */
export interface WechatConfig {
  token: string;
  appId?: string;
  encodingAesKey?: string;
}

/** Picks the WeChat settings; undefined when WECHAT_TOKEN is not set (the channel stays off). */
export function wechatConfig(config: Pick<Config, 'WECHAT_TOKEN' | 'WECHAT_APPID' | 'WECHAT_ENCODING_AES_KEY'>): WechatConfig | undefined {
  if (config.WECHAT_TOKEN === undefined) return undefined;
  if (config.WECHAT_ENCODING_AES_KEY !== undefined && config.WECHAT_APPID === undefined) {
    throw new ConfigError(['WECHAT_APPID: required with WECHAT_ENCODING_AES_KEY (it is checked inside every ciphertext)']);
  }
  return { token: config.WECHAT_TOKEN, appId: config.WECHAT_APPID, encodingAesKey: config.WECHAT_ENCODING_AES_KEY };
}

export interface WechatAdapterDeps {
  handleTurn: TurnHandler;
  logger: Logger;
  /** pushes what did not fit in (or came too late for) the passive reply, via the customer-service API */
  onOverflow?: (userId: string, parts: string[]) => Promise<void>;
  now?: () => number;
  deadlineMs?: number;
  maxBodyBytes?: number;
}

/**
 * The WeChat Official Account (公众号) callback channel: a koa router with GET/POST /wechat,
 * or undefined (logged once) when the channel is not configured.
 * Wire it with `app.use(router.routes()).use(router.allowedMethods())`.
 */
export function createWechatAdapter(config: Config, deps: WechatAdapterDeps): Router | undefined {
  const slice = wechatConfig(config);
  if (slice === undefined) {
    deps.logger.info({ channel: 'wechat' }, 'WeChat channel off: WECHAT_TOKEN is not set');
    return undefined;
  }
  return createWechatRouter({ ...slice, ...deps });
}
