import { textReply } from '../../core/message.js';
import type { ReplyReader } from '../../dialogue/reply.js';
import { routeAsNew, type Dispatch } from '../../dialogue/route-again.js';
import type { DialogueResult, IntentHandler } from '../../dialogue/types.js';

/**
 * `pending:offer_handoff`: after "the rules on file do not cover this", a yes ("好", "要得", "人工", "1") registers a
 * handoff case about the question (route `handoff_now`); anything else is a new message.
 */
export function offerHandoffAnswer(replies: ReplyReader, dispatch: Dispatch, fallback: () => DialogueResult, declined: () => string): IntentHandler {
  return async (ctx) => {
    const m = replies.read(ctx.text);
    if (m.kind === 'confirm' || m.kind === 'person' || (m.kind === 'choose' && m.index === 0)) {
      const result = await dispatch('handoff_now', ctx);
      return { ...(result ?? fallback()), pending: null };
    }
    if (m.kind === 'cancel' || m.kind === 'deny') return { reply: textReply(declined()), pending: null };
    return routeAsNew(ctx, dispatch, fallback);
  };
}
