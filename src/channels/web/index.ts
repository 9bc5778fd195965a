import type Router from '@koa/router';
import type { TurnHandler } from '../../core/channel.js';
import { createWebChatRouter, type WebChatOptions } from './routes.js';

export { createWebPushSender, takeUndelivered, type WebInboxMessage } from './inbox.js';
export { WebInboxModel, type WebInboxRecord } from './inbox.model.js';

/**
 * The web chat channel: always on (it is the township's own platform and the demo when no
 * WeChat account is configured). Pushed messages wait in `web_inbox` until the page polls.
 */
export function createWebChannel(opts: { handleTurn: TurnHandler; pageHtml: string; secureCookies: boolean } & Pick<WebChatOptions, 'greeting' | 'history'>): Router {
  return createWebChatRouter(opts);
}
