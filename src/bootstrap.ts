import { readFileSync } from 'node:fs';
import path from 'node:path';
import type Router from '@koa/router';
import type Koa from 'koa';
import { SystemMessages } from './answers/catalog.js';
import { createWebChannel } from './channels/web/index.js';
import { createWechatAdapter } from './channels/wechat-official/index.js';
import type { Config } from './config.js';
import type { TurnHandler } from './core/channel.js';
import { basicHandlers } from './dialogue/basic-handlers.js';
import type { HandlerTable } from './dialogue/types.js';
import { createApp } from './http/app.js';
import { createHealthRouter } from './http/health.routes.js';
import { createNluRouter } from './http/nlu.routes.js';
import type { Logger } from './logger.js';
import { loadNlu, maskPersonalData, serviceLabel, type Nlu, type ServiceId } from './nlu/index.js';
import { createPipeline } from './pipeline/index.js';

export interface BotParts {
  app: Koa;
  handleTurn: TurnHandler;
  nlu: Nlu;
  messages: SystemMessages;
  /** channels that were started, by name */
  channels: string[];
}

export interface BuildOptions {
  config: Config;
  logger: Logger;
  databaseKind: () => string;
  /** where intents/ and templates/ live (the repository root by default) */
  rootDir?: string;
}

function intentLabeller(messages: SystemMessages, serviceName: (id: string) => string) {
  return (intent: string, service?: string): string => {
    const key = `intent_label_${intent}`;
    const svc = service ? serviceName(service) : messages.render('service_unknown');
    return messages.has(key) ? messages.render(key, { service: svc }) : intent;
  };
}

/**
 * The composition root's pure part: everything but the database connection and the listening
 * socket, so tests build the same bot the product runs.
 */
export function buildBot(opts: BuildOptions): BotParts {
  const { config, logger } = opts;
  const root = opts.rootDir ?? process.cwd();
  const templatesDir = path.join(root, 'templates');
  const nlu = loadNlu(path.join(root, 'intents'));
  const messages = SystemMessages.load(templatesDir, { township: config.TOWNSHIP_NAME });
  const label = intentLabeller(messages, (id) => serviceLabel(id as ServiceId, path.join(root, "intents")));
  const handlers: HandlerTable = { ...basicHandlers(messages, label) };
  const handleTurn = createPipeline({
    classifier: nlu, maskText: maskPersonalData, handlers, logger,
    apology: () => messages.render('apology'),
  });
  const routers: Router[] = [createHealthRouter({ databaseKind: opts.databaseKind, startedAt: new Date() })];
  const channels: string[] = ['web'];
  const secureCookies = config.PUBLIC_BASE_URL?.startsWith('https:') ?? false;
  routers.push(createWebChannel({ handleTurn, pageHtml: readFileSync(path.join(templatesDir, 'web', 'chat.html'), 'utf8'), secureCookies }));
  routers.push(createNluRouter({ nlu }));
  const wechat = createWechatAdapter(config, { handleTurn, logger });
  if (wechat) {
    routers.push(wechat);
    channels.push('wechat');
  }
  return { app: createApp({ logger, routers }), handleTurn, nlu, messages, channels };
}
