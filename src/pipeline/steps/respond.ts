import { chooseRoute, settleDisclosure, settleService, type RoutingRules } from '../../dialogue/router.js';
import { guardLoop } from '../../dialogue/loop-guard.js';
import type { DialogueContext, DialogueResult, HandlerTable } from '../../dialogue/types.js';
import type { Step, TurnState } from '../types.js';

/** The dialogue step: settles the service of the turn, then picks the route (events, pending flows, clarification, intent). */
export function dialogueStep(handlers: HandlerTable, rules?: RoutingRules): Step {
  return {
    name: 'dialogue',
    run: async (state) => {
      if (!state.conversation) throw new Error('dialogue needs the conversation');
      const ctx = { message: state.message, text: state.text, classification: state.classification, conversation: state.conversation };
      settleService(ctx, rules);
      settleDisclosure(ctx, rules);
      state.route = chooseRoute(ctx, handlers, rules);
      return state.route;
    },
  };
}

function applyResult(state: TurnState, result: DialogueResult): void {
  const conv = state.conversation;
  if (!conv) return;
  if (result.forgetConversation) {
    state.conversation = undefined; // persistTurn then leaves the (erased) conversation alone
    return;
  }
  if (result.pending !== undefined) {
    conv.pendingChanged = true;
    conv.pending = result.pending ?? undefined;
    conv.pendingData = result.pending === null ? undefined : result.pendingData;
  }
  conv.lastService = result.lastService ?? state.classification?.service ?? conv.lastService;
  if (state.classification && state.route === state.classification.intent) conv.lastIntent = state.classification.intent;
}

/** The handler step: runs the chosen handler and applies the state change it asks for. */
/** Runs after the turn's handler, on its result (a held-back 回访 question is asked once the flow has ended). */
export type AfterTurn = (ctx: DialogueContext, result: DialogueResult) => Promise<DialogueResult>;

export function handlerStep(handlers: HandlerTable, afterTurn?: AfterTurn): Step {
  return {
    name: 'handler',
    run: async (state) => {
      const route = state.route ?? 'fallback';
      const handler = handlers[route] ?? handlers.fallback;
      if (!handler || !state.conversation) throw new Error(`no handler for route ${route}`);
      const ctx = { message: state.message, text: state.text, classification: state.classification, conversation: state.conversation };
      const handled = await handler(ctx);
      const after = afterTurn ? await afterTurn(ctx, handled) : handled;
      const guarded = await guardLoop(ctx, route, after, handlers, state.conversation.loop ?? {});
      const result = guarded.result;
      state.conversation.loop = guarded.memory;
      state.reply = result.reply;
      applyResult(state, result);
      return `${result.reply.parts.length} part(s)`;
    },
  };
}
