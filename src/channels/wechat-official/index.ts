import { readFileSync } from 'node:fs';
import type Router from '@koa/router';
import { parse } from 'yaml';
import { z } from 'zod';
import type { TurnHandler } from '../../core/channel.js';
import { ConfigError } from '../../core/errors.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import { applyMenuClick, type MenuClickTexts } from './decode.js';
import { createNonceGuard, type ReplayGuard } from './nonce.model.js';
import { createWechatRouter } from './routes.js';
import { MAX_CLOCK_SKEW_SECONDS } from './verify.js';

export { createWechatRouter, type WechatRouterOptions } from './routes.js';
export { applyMenuClick, type MenuClickTexts } from './decode.js';
export { createWechatPushSender, customerServiceParts, DeliveryQuotaExceeded, DeliveryWindowClosed, WechatApiError } from './push.js';
export { createWechatTokenStore, type AccessTokenStore } from './access-token.js';

/** The part of the configuration this channel reads. */
export interface WechatConfig {
  token: string;
  appId?: string;
  encodingAesKey?: string;
  /** plaintext pushes accepted although an AES key is set (mode transition only) */
  allowPlaintext: boolean;
}

/** Picks the WeChat settings; undefined when WECHAT_TOKEN is not set (the channel stays off). */
export function wechatConfig(config: Pick<Config, 'WECHAT_TOKEN' | 'WECHAT_APPID' | 'WECHAT_ENCODING_AES_KEY' | 'WECHAT_ALLOW_PLAINTEXT'>): WechatConfig | undefined {
  if (config.WECHAT_TOKEN === undefined) return undefined;
  if (config.WECHAT_ENCODING_AES_KEY !== undefined && config.WECHAT_APPID === undefined) {
    throw new ConfigError(['WECHAT_APPID: required with WECHAT_ENCODING_AES_KEY (it is checked inside every ciphertext)']);
  }
  return { token: config.WECHAT_TOKEN, appId: config.WECHAT_APPID, encodingAesKey: config.WECHAT_ENCODING_AES_KEY, allowPlaintext: config.WECHAT_ALLOW_PLAINTEXT };
}

export interface WechatAdapterDeps {
  handleTurn: TurnHandler;
  logger: Logger;
  /** pushes what did not fit in (or came too late for) the passive reply, via the customer-service API */
  onOverflow?: (userId: string, parts: string[]) => Promise<void>;
  now?: () => number;
  deadlineMs?: number;
  maxBodyBytes?: number;
  /** menu CLICK EventKey → text (loadWechatMenu('templates/menu.yml')); mapped clicks become text turns */
  menuTexts?: MenuClickTexts;
  /** signed queries already seen; the database-backed guard by default (tests without a database pass their own) */
  replayGuard?: ReplayGuard;
}

const menuFile = z.object({
  buttons: z.array(z.object({ key: z.string().min(1).max(128), name: z.string().min(1), text: z.string().trim().min(1) })),
});

/** Reads templates/menu.yml into the EventKey → text map the adapter takes as `menuTexts`. */
export function loadWechatMenu(file: string): MenuClickTexts {
  const parsed = menuFile.parse(parse(readFileSync(file, 'utf8')));
  return new Map(parsed.buttons.map((b) => [b.key, b.text]));
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
  const { menuTexts, ...rest } = deps;
  const handleTurn: TurnHandler = menuTexts === undefined ? deps.handleTurn : (m, o) => deps.handleTurn(applyMenuClick(m, menuTexts), o);
  // nonces are remembered for the whole freshness window, on both sides of now
  const replayGuard = deps.replayGuard ?? createNonceGuard(2 * MAX_CLOCK_SKEW_SECONDS * 1000, deps.now);
  return createWechatRouter({ ...slice, ...rest, handleTurn, replayGuard });
}
