import type { ReplyReader } from './reply.js';
import { textReply } from '../core/message.js';
import { routeAsNew, type Dispatch } from './route-again.js';
import type { DialogueContext, IntentHandler } from './types.js';

/** The route of a message that corrects the service the bot understood ("不对 我说的是五保 不是低保"). */
export const SERVICE_CORRECTED_ROUTE = 'service_corrected';

/** what the villager was doing: a checklist asked for is given again for the right service, anything else answered */
const AGAIN = new Set(['checklist', 'policy_query']);

/**
 * "不对 我说的是五保", "搞错了 我问的是失业那个证": asked again about the service named — the checklist when a
 * checklist was what the villager had asked for, else the rules' answer — as if the first reading had been right.
 */
export function serviceCorrectedHandler(replies: ReplyReader, dispatch: Dispatch): IntentHandler {
  return async (ctx: DialogueContext) => {
    const last = ctx.conversation.lastIntent;
    const route = last && AGAIN.has(last) ? last : 'policy_query';
    const c = ctx.classification;
    const text = replies.withoutCorrection(ctx.text) || ctx.text;
    const next: DialogueContext = {
      ...ctx, text,
      ...(c ? { classification: { ...c, intent: route, shouldClarify: false } } : {}),
    };
    return routeAsNew(next, dispatch, () => ({ reply: textReply() }));
  };
}
