import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type Router from '@koa/router';
import { createOneBotChannel } from './channels/onebot/index.js';
import { createQqChannel } from './channels/qq-official/index.js';
import { createTelegramChannel } from './channels/telegram/index.js';
import { createWebChannel, createWebPushSender } from './channels/web/index.js';
import { createWechatAdapter, loadWechatMenu } from './channels/wechat-official/index.js';
import { createWechatPushSender } from './channels/wechat-official/push.js';
import { createWecomBotChannel } from './channels/wecom-bot/index.js';
import type { Config } from './config.js';
import type { PushSender, TurnHandler } from './core/channel.js';
import type { GroupChat } from './core/group-chat.js';
import type { Logger } from './logger.js';

export interface GatewayDeps {
  config: Config;
  logger: Logger;
  handleTurn: TurnHandler;
  webPageHtml: string;
  /** web chat: the greeting the page shows, and a visitor's history after a reload (issue 11) */
  webGreeting?: () => string;
  webHistory?: (userId: string) => Promise<{ from: 'visitor' | 'bot'; parts: string[]; at: Date }[]>;
  /** WeChat parts that missed the passive reply (too long, or too late) */
  onWechatOverflow?: (userId: string, parts: string[]) => Promise<void>;
  /** templates/menu.yml: WeChat menu CLICK keys → the text they stand for */
  wechatMenuFile?: string;
}

/** Every channel the configuration enables, normalised into the one pipeline. */
export interface Gateway {
  names: string[];
  routers: Router[];
  pushSenders: PushSender[];
  /** the staff group a channel carries (企业微信 智能机器人, the OneBot QQ group or the Telegram group), if configured */
  staffRoom: GroupChat | undefined;
  /** HTTP upgrade handler for WebSocket channels (OneBot reverse WS); false when not ours */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** waits for background sends and closes sockets */
  close(): Promise<void>;
}

export function createGateway(deps: GatewayDeps): Gateway {
  const { config, logger, handleTurn } = deps;
  const names = ['web'];
  const secureCookies = config.PUBLIC_BASE_URL?.startsWith('https:') ?? false;
  const routers: Router[] = [createWebChannel({ handleTurn, pageHtml: deps.webPageHtml, secureCookies, greeting: deps.webGreeting, history: deps.webHistory })];
  const pushSenders: PushSender[] = [];
  pushSenders.push(createWebPushSender()); // web chat: pushed messages wait in web_inbox for the page's poll
  const drains: (() => Promise<void>)[] = [];

  const menuTexts = deps.wechatMenuFile ? loadWechatMenu(deps.wechatMenuFile) : undefined;
  const wechat = createWechatAdapter(config, { handleTurn, logger, onOverflow: deps.onWechatOverflow, menuTexts });
  if (wechat) { routers.push(wechat); names.push('wechat'); }
  if (wechat && config.WECHAT_APPID && config.WECHAT_APPSECRET) {
    pushSenders.push(createWechatPushSender({ apiBase: config.WECHAT_API_BASE, appId: config.WECHAT_APPID, appSecret: config.WECHAT_APPSECRET }));
  } else if (wechat) logger.info({ channel: 'wechat' }, 'WeChat customer-service messages off: WECHAT_APPSECRET not set (late answers cannot be pushed)');

  const qq = createQqChannel(config, { handleTurn, logger });
  if (qq) { routers.push(qq.router); pushSenders.push(qq.push); drains.push(() => qq.drain()); names.push('qq'); }
  else logger.info({ channel: 'qq' }, 'QQ official bot off: QQ_APPID/QQ_SECRET not set');

  const onebot = createOneBotChannel(config, { handleTurn, logger });
  if (onebot) {
    if (onebot.router) routers.push(onebot.router);
    pushSenders.push(onebot.push);
    drains.push(async () => { await onebot.drain(); onebot.close(); });
    names.push('onebot');
  } else logger.info({ channel: 'onebot' }, 'OneBot off: ONEBOT_SECRET/ONEBOT_ACCESS_TOKEN/ONEBOT_API_URL not set');

  const telegram = createTelegramChannel(config, { handleTurn, logger });
  if (telegram) { routers.push(telegram.router); pushSenders.push(telegram.push); drains.push(() => telegram.drain()); names.push('telegram'); }
  else logger.info({ channel: 'telegram' }, 'Telegram off: TELEGRAM_BOT_TOKEN/TELEGRAM_WEBHOOK_SECRET not set');

  const wecom = createWecomBotChannel(config, { logger });
  if (wecom) { routers.push(wecom.router); drains.push(() => wecom.drain()); names.push('wecom'); }
  if (config.STAFF_ROOM_ONEBOT_GROUP && !onebot) logger.warn('STAFF_ROOM_ONEBOT_GROUP is set but OneBot is off (ONEBOT_*): no QQ staff group');
  if (config.STAFF_ROOM_TELEGRAM_CHAT && !telegram) logger.warn('STAFF_ROOM_TELEGRAM_CHAT is set but Telegram is off (TELEGRAM_*): no Telegram staff group');

  return {
    names, routers, pushSenders,
    staffRoom: wecom?.room ?? onebot?.staffRoom ?? telegram?.staffRoom,
    upgrade: (req, socket, head) => onebot?.ws?.handleUpgrade(req, socket, head) ?? false,
    close: async () => { for (const d of drains) await d(); },
  };
}
