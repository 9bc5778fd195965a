import { textReply } from '../../core/message.js';
import type { ReplyReader } from '../../dialogue/reply.js';
import { routeAsNew, type Dispatch } from '../../dialogue/route-again.js';
import type { DialogueContext, DialogueResult, IntentHandler } from '../../dialogue/types.js';

/**
 * `pending:offer_handoff`: after "the rules on file do not cover this", a yes ("好", "要得", "人工", "1") registers a
 * handoff case about the question (route `handoff_now`); anything else is a new message — a question the rules of the
 * service talked of answer (`asksRule`, "要去哪里评等级嘛" after 残疾证) goes to policy_query, as the router would send it.
 */
export function offerHandoffAnswer(
  replies: ReplyReader, dispatch: Dispatch, fallback: () => DialogueResult, declined: () => string, asksRule?: (ctx: DialogueContext) => boolean,
  asksStaff?: (text: string) => boolean,
): IntentHandler {
  return async (ctx) => {
    const m = replies.read(ctx.text);
    // "好的 谢谢了" to "需要的话回复“好”" closes the talk: a person is asked for in so many words ("好 帮我转")
    if (m.kind === 'confirm' && m.thanks === true) return { reply: textReply(declined()), pending: null };
    // "那你们帮我查查吧 我是红旗村的张桂兰": asks us to find out, which is the offer taken
    if (m.kind === 'confirm' || m.kind === 'person' || (m.kind === 'choose' && m.index === 0) || asksStaff?.(ctx.text)) {
      const result = await dispatch('handoff_now', ctx);
      return { ...(result ?? fallback()), pending: null };
    }
    if (m.kind === 'cancel' || m.kind === 'deny') return { reply: textReply(declined()), pending: null };
    if (asksRule?.(ctx)) {
      const answered = await dispatch('policy_query', { ...ctx, conversation: { ...ctx.conversation, pending: undefined, pendingData: undefined } });
      if (answered) return { ...answered, pending: answered.pending ?? null };
    }
    return routeAsNew(ctx, dispatch, fallback);
  };
}
