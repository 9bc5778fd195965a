import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Router from '@koa/router';
import type Koa from 'koa';
import { adminLoginWithRole } from './admin/auth.js';
import { adminFeature } from './admin/feature.js';
import { SystemMessages } from './answers/catalog.js';
import { answersFeature } from './answers/feature.js';
import { createTemplateStore, systemKey } from './answers/template-registry.js';
import { calendarFeature } from './calendar/feature.js';
import { WorkingCalendar } from './calendar/index.js';
import { CaseService } from './cases/index.js';
import { CaseEvents } from './cases/events.js';
import type { Config } from './config.js';
import { conversationHistory } from './conversations/history.js';
import type { TurnHandler } from './core/channel.js';
import type { GroupChat } from './core/group-chat.js';
import { alwaysUp, type DatabaseWatch } from './core/database.js';
import { basicHandlers } from './dialogue/basic-handlers.js';
import { clarifyAnswerHandler } from './dialogue/clarify-answer.js';
import { helpMenuAnswer, HELP_MENU_STATE } from './dialogue/help-menu.js';
import { SERVICE_CORRECTED_ROUTE, serviceCorrectedHandler } from './dialogue/service-corrected.js';
import { ReplyReader } from './dialogue/reply.js';
import { loadRoutingRules } from './dialogue/routing-rules.js';
import { casesDialogueFeature, type CasesDialogueFeature } from './dialogue/flows/feature.js';
import type { HandlerTable } from './dialogue/types.js';
import type { Deliverer, Feature, FeatureContext } from './features.js';
import { createGateway, type Gateway } from './gateway.js';
import { createApp } from './http/app.js';
import { createHealthRouter } from './http/health.routes.js';
import { parseTrustProxy } from './http/trust-proxy.js';
import { createNluRouter } from './http/nlu.routes.js';
import type { Logger } from './logger.js';
import { loadNlu, serviceLabel, type Nlu, type ServiceId } from './nlu/index.js';
import { configuredPace, Outbox, outboxOverflow, type OutboxRecord } from './outbox/index.js';
import { createPipeline } from './pipeline/index.js';
import { reportsFeature } from './reports/feature.js';
import { retentionFeature } from './retention/feature.js';
import { maskForStorage } from './retention/mask.js';
import { Spool } from './spool/index.js';
import { rosterFeature } from './staff/feature.js';
import { staffRoomFeature } from './staffroom/feature.js';

export interface BotParts {
  app: Koa;
  /** the pipeline behind the spool: what the channels call */
  handleTurn: TurnHandler;
  /** the pipeline itself (the spool replays through it) */
  pipeline: TurnHandler;
  spool: Spool;
  nlu: Nlu;
  messages: SystemMessages;
  features: Feature[];
  gateway: Gateway;
  /** channels that were started, by name */
  channels: string[];
  /** starts the features' background work */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface BuildOptions {
  config: Config;
  logger: Logger;
  databaseKind: () => string;
  /** where intents/ and templates/ live (the repository root by default) */
  rootDir?: string;
  /** proactive delivery; the default logs what it could not send */
  deliverer?: Deliverer;
  /** the supervised database (src/db): /healthz shows it, the spool follows it */
  database?: DatabaseWatch;
  /** where messages wait while the database is down (default DATA_DIR/spool with a supervised database) */
  spoolDir?: string;
}

function intentLabeller(messages: SystemMessages, intentsDir: string) {
  return (intent: string, service?: string): string => {
    const key = `intent_label_${intent}`;
    const svc = service ? serviceLabel(service as ServiceId, intentsDir) : messages.render('service_unknown');
    return messages.has(key) ? messages.render(key, { service: svc }) : intent;
  };
}

/**
 * A message that no channel window allows: the case shows "needs a phone call", and the staff room
 * hears of it (event action `needs_phone_call`, note = why).
 */
async function markNeedsPhoneCall(message: OutboxRecord, logger: Logger, cases: CaseService, events: CaseEvents): Promise<void> {
  const caseNumber = message.meta?.caseNumber;
  logger.warn({ channel: message.channel, caseNumber, status: message.status }, 'message could not be delivered: staff must phone the villager');
  if (!caseNumber) return;
  const record = await cases.markNeedsPhoneCall(caseNumber);
  if (record) events.emit('updated', record, { action: 'needs_phone_call', actor: 'system', note: message.lastError ?? message.status });
}

/** The features of the bot, in the order their handlers are merged (later ones win). */
function buildFeatures(ctx: FeatureContext, staffRoom: () => GroupChat | undefined): Feature[] {
  return [
    rosterFeature(ctx),
    calendarFeature(ctx),
    adminFeature(ctx),
    answersFeature(ctx),
    casesDialogueFeature(ctx),
    staffRoomFeature(ctx, { room: staffRoom }),
    retentionFeature(ctx),
    reportsFeature(ctx),
  ];
}

/**
 * The composition root's pure part: everything but the database connection and the listening
 * socket, so tests build the same bot the product runs. Needs a connected database (the
 * calendar loads its overrides).
 */
export async function buildBot(opts: BuildOptions): Promise<BotParts> {
  const { config, logger } = opts;
  const rootDir = opts.rootDir ?? process.cwd();
  const templatesDir = path.join(rootDir, 'templates');
  const intentsDir = path.join(rootDir, 'intents');
  const nlu = loadNlu(intentsDir);
  const templates = createTemplateStore(templatesDir, logger);
  const messages = SystemMessages.load(templatesDir, { township: config.TOWNSHIP_NAME }, (key) => {
    const entry = templates.cachedPublished(systemKey(key));
    return entry && entry.category !== 'internal' && typeof entry.content === 'string' ? entry.content : undefined;
  });
  const caseEvents = new CaseEvents();
  const calendar = await WorkingCalendar.load();
  const cases = CaseService.load(calendar, templatesDir);
  const outbox = new Outbox({
    logger, onUndeliverable: (m) => markNeedsPhoneCall(m, logger, cases, caseEvents),
    pace: configuredPace(config.OUTBOX_RATE_PER_SECOND, config.OUTBOX_CONCURRENCY),
  });
  const deliverer: Deliverer = opts.deliverer ?? outbox;
  const handlers: HandlerTable = {};
  const replies = ReplyReader.load(templatesDir);
  const dispatch: FeatureContext['dispatch'] = async (route, dctx) => handlers[route]?.(dctx);
  const ctx: FeatureContext = { config, logger, rootDir, templatesDir, messages, nlu, deliverer, templates, calendar, cases, caseEvents, dispatch };
  // the staff group may be carried by a channel (企业微信, QQ, Telegram): asked for when the feature starts
  const link: { gateway?: Gateway } = {};
  const features = buildFeatures(ctx, () => link.gateway?.staffRoom);
  const routing = loadRoutingRules(templatesDir);
  Object.assign(
    handlers,
    basicHandlers(messages, intentLabeller(messages, intentsDir)),
    {
      'pending:clarify': clarifyAnswerHandler(messages, replies, dispatch, routing), [`pending:${HELP_MENU_STATE}`]: helpMenuAnswer(messages, replies, dispatch),
      [SERVICE_CORRECTED_ROUTE]: serviceCorrectedHandler(replies, dispatch),
    },
    ...features.map((f) => f.handlers ?? {}),
  );
  // the NLU's masker and the case cards', so logs and statistics never carry what a card would hide
  const maskText = maskForStorage;
  const flows = features.find((f): f is CasesDialogueFeature => f.name === 'cases-dialogue');
  const pipeline = createPipeline({
    classifier: nlu, maskText, handlers, routing, logger, apology: (stored) => messages.render(stored ? 'apology' : 'apology_not_stored'), afterTurn: flows?.afterTurn,
  });
  // while the database is down, messages wait on local disk and are answered when it is back (src/spool)
  const spool = new Spool({
    dir: opts.spoolDir ?? (opts.database ? path.join(config.dataDir, 'spool') : path.join(tmpdir(), `nonglian-spool-${randomUUID()}`)),
    database: opts.database ?? alwaysUp(), handleTurn: pipeline, deliverer: outbox, logger,
    receivedText: () => messages.render('spooled_received'),
  });
  const handleTurn = spool.handleTurn;
  const gateway = createGateway({
    config, logger, handleTurn,
    webPageHtml: readFileSync(path.join(templatesDir, 'web', 'chat.html'), 'utf8'),
    webGreeting: () => messages.render('greeting'),
    webHistory: (userId) => conversationHistory('web', userId),
    onWechatOverflow: outboxOverflow(outbox, 'wechat'),
    wechatMenuFile: path.join(templatesDir, 'menu.yml'),
  });
  link.gateway = gateway;
  for (const sender of gateway.pushSenders) outbox.register(sender);
  /** why /healthz is not ready yet; undefined once start() finished (templates, admin account, features) */
  let startup: string | undefined = 'start-up not complete: the bot is starting';
  const routers: Router[] = [
    createHealthRouter({
      databaseKind: opts.databaseKind, startedAt: new Date(), database: opts.database, notReady: () => startup,
      staffRoom: () => gateway.staffRoom?.kind ?? (config.WECHATY_PUPPET ? 'wechaty' : 'off'),
    }),
    createNluRouter({ nlu, guard: adminLoginWithRole('admin', 'editor'), maskText }),
    ...gateway.routers,
    ...features.flatMap((f) => [...(f.routers ?? []), ...(f.channelRouters?.(handleTurn) ?? [])]),
  ];
  return {
    app: createApp({ logger, routers, trustProxy: parseTrustProxy(config.TRUST_PROXY) }), handleTurn, pipeline, spool, nlu, messages, features, gateway, channels: gateway.names,
    start: async () => {
      for (const f of features) {
        startup = `start-up not complete: starting ${f.name}`;
        await f.start?.();
      }
      outbox.start();
      await spool.start();
      startup = undefined;
    },
    stop: async () => {
      await gateway.close();
      await spool.stop();
      await outbox.stop();
      for (const f of [...features].reverse()) await f.stop?.();
    },
  };
}
