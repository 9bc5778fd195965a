import type Router from '@koa/router';
import type { SystemMessages } from './answers/catalog.js';
import type { TemplateStore } from './answers/store/index.js';
import type { WorkingCalendar } from './calendar/index.js';
import type { CaseService } from './cases/index.js';
import type { CaseEvents } from './cases/events.js';
import type { Config } from './config.js';
import type { TurnHandler } from './core/channel.js';
import type { ChannelId, Reply } from './core/message.js';
import type { DialogueContext, DialogueResult, HandlerTable } from './dialogue/types.js';
import type { Logger } from './logger.js';
import type { Nlu } from './nlu/index.js';

/** Sends a message to a villager outside a passive reply, through that villager's channel. */
export interface Deliverer {
  deliver(target: { channel: ChannelId; userId: string; groupId?: string }, reply: Reply, meta?: { caseNumber?: string; reason?: string }): Promise<void>;
}

/** What every feature may use when it is built. */
export interface FeatureContext {
  config: Config;
  logger: Logger;
  /** repository root (intents/ and templates/ live here) */
  rootDir: string;
  templatesDir: string;
  messages: SystemMessages;
  nlu: Nlu;
  /** proactive sends to villagers (staff replies, case updates, 回访) */
  deliverer: Deliverer;
  /** template versions: the bot answers only from published ones; the admin page edits and reviews them */
  templates: TemplateStore;
  /** working days (weekends, statutory holidays, 调休) */
  calendar: WorkingCalendar;
  /** complaints and requests as cases; one instance shared by the dialogue and the staff room */
  cases: CaseService;
  /** case created/updated notifications (the staff room posts cards, the villager is told) */
  caseEvents: CaseEvents;
  /**
   * Runs another feature's handler for a route (an intent id); undefined when no feature has it.
   * Lets a flow that is waiting for something hand over a message that is about something else.
   */
  dispatch: (route: string, ctx: DialogueContext) => Promise<DialogueResult | undefined>;
}

/**
 * One capability plugged into the bot: dialogue handlers, HTTP routes, background work.
 * bootstrap.ts lists the features; each lives in its own room.
 */
export interface Feature {
  name: string;
  handlers?: HandlerTable;
  routers?: Router[];
  /** channel routes, built once the pipeline exists */
  channelRouters?: (handleTurn: TurnHandler) => Router[];
  /** background work (schedulers, chat transports); started after the HTTP server */
  start?: () => Promise<void>;
  stop?: () => Promise<void>;
}
