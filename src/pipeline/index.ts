import type { TurnHandler, TurnOptions, TurnOutcome } from '../core/channel.js';
import { isDatabaseUnavailable } from '../core/db-errors.js';
import { DatabaseUnavailableError } from '../core/errors.js';
import { textReply, type InboundMessage } from '../core/message.js';
import type { RoutingRules } from '../dialogue/router.js';
import type { HandlerTable } from '../dialogue/types.js';
import type { Logger } from '../logger.js';
import { persistTurn } from './persist.js';
import { runSteps } from './runner.js';
import { classifyStep } from './steps/classify.js';
import { dedupeStep } from './steps/dedupe.js';
import { identifyStep } from './steps/identify.js';
import { maskStep } from './steps/mask.js';
import { normalizeStep } from './steps/normalize.js';
import { dialogueStep, handlerStep, type AfterTurn } from './steps/respond.js';
import type { ClassifierPort, Step, TurnState } from './types.js';

export interface PipelineDeps {
  classifier: ClassifierPort;
  maskText: (text: string) => string;
  handlers: HandlerTable;
  routing?: RoutingRules;
  /**
   * The text sent when a turn fails unexpectedly; `stored` says whether the message itself was kept
   * (its turn row written), so the apology never claims to have recorded what it did not.
   */
  apology: (stored: boolean) => string;
  logger: Logger;
  /** after each turn's handler (issue 11: a 回访 question held back while a flow was open) */
  afterTurn?: AfterTurn;
}

/**
 * The order of a turn, in one place (conventions: "A turn, end to end").
 * mask runs before dedupe so that the stored record already has the masked text.
 */
export function buildSteps(deps: PipelineDeps): Step[] {
  return [
    normalizeStep,
    maskStep(deps.maskText),
    dedupeStep,
    identifyStep,
    classifyStep(deps.classifier),
    dialogueStep(deps.handlers, deps.routing),
    handlerStep(deps.handlers, deps.afterTurn),
  ];
}

/** true once the dedupe step has written (or taken over) the message's turn row */
function messageStored(state: TurnState): boolean {
  return state.trace.some((t) => t.step === 'dedupe' && (t.outcome === 'first' || t.outcome === 'takeover'));
}

async function runTurn(deps: PipelineDeps, steps: Step[], message: InboundMessage, opts: TurnOptions): Promise<TurnOutcome> {
  const receivedAt = new Date();
  const state: TurnState = { message, receivedAt, deadlineAt: receivedAt.getTime() + opts.deadlineMs, takeoverKey: opts.takeoverKey, text: '', maskedText: '', trace: [] };
  try {
    await runSteps(steps, state);
    if (state.duplicateReply) return { reply: state.duplicateReply, duplicate: true };
    await persistTurn(state, 'answered');
    deps.logger.info({ channel: message.channel, messageId: message.messageId, route: state.route, trace: state.trace }, 'turn');
    return { reply: state.reply ?? textReply(), duplicate: false };
  } catch (err) {
    if (isDatabaseUnavailable(err)) {
      // not stored (or not finished): the caller spools the message instead of apologising
      deps.logger.warn({ channel: message.channel, messageId: message.messageId, trace: state.trace }, 'turn stopped: the database is unreachable');
      throw new DatabaseUnavailableError('the database is unreachable', { cause: err });
    }
    deps.logger.error({ err, channel: message.channel, messageId: message.messageId, text: state.maskedText, trace: state.trace }, 'turn failed');
    state.reply = textReply(deps.apology(messageStored(state)));
    await persistTurn(state, 'failed', err instanceof Error ? err.message : String(err)).catch((e: unknown) => {
      deps.logger.error({ err: e, messageId: message.messageId }, 'could not store the failed turn');
    });
    return { reply: state.reply, duplicate: false };
  }
}

/**
 * Creates the turn handler the channel adapters call. A turn always runs to its end; a channel with
 * a reply deadline (WeChat's 5 s) answers early itself and pushes the late reply (see its adapter).
 */
export function createPipeline(deps: PipelineDeps): TurnHandler {
  const steps = buildSteps(deps);
  return (message, opts) => runTurn(deps, steps, message, opts);
}
