import { textReply } from '../../core/message.js';
import type { IntentHandler } from '../../dialogue/types.js';
import { isSendableToVillagers } from '../service-template.schema.js';
import { serviceOf, type AnswerDeps } from './context.js';
import { ruleAnswer } from './policy.js';

/**
 * Route `question_aside`, for flows that wait on an answer (complaint intake): when the message is a question
 * (templates/retrieval.yml questionCues) that the rules of the service in context answer, that answer; otherwise a
 * reply with no parts, and the flow reads the message as its own answer. Never records, never changes state.
 */
export function questionAsideHandler(deps: AnswerDeps): IntentHandler {
  return async (ctx) => {
    await deps.templates.refresh();
    const id = serviceOf(ctx);
    const t = id ? deps.templates.get(id) : undefined;
    if (!t || !isSendableToVillagers(t) || !deps.retrieval.isQuestion(ctx.text)) return { reply: textReply() };
    const answer = ruleAnswer(deps, ctx.text, t);
    return answer ? { reply: textReply(answer), lastService: t.id } : { reply: textReply() };
  };
}
