import { textReply } from '../../core/message.js';
import type { DialogueContext, DialogueResult, IntentHandler } from '../../dialogue/types.js';
import { detectAspect, renderPolicyAnswer } from '../render-policy.js';
import type { ServiceTemplate } from '../service-template.schema.js';
import { firstNotice } from './checklist.js';
import { askService, refusingInternal, serviceOf, type AnswerDeps } from './context.js';

/** The answer to the aspect the text asks about (or an overview), refusing internal templates. */
export function policyAnswer(deps: AnswerDeps, ctx: DialogueContext, t: ServiceTemplate): Promise<DialogueResult> {
  return refusingInternal(deps, t, ctx, async () => ({
    reply: textReply(renderPolicyAnswer(t, detectAspect(ctx.text), deps.render)),
    lastService: t.id,
  }));
}

/** The villager typed the command our own answers suggest ("低保一次性告知"): give the checklist. */
export const asksForChecklist = (deps: AnswerDeps, text: string): boolean =>
  text.replace(/\s+/g, '').includes(deps.render.phrases.render('checklist_command'));

/**
 * policy_query: one aspect of a service ("低保需要什么条件"), or an overview of it; asks which service when none
 * is known. The service may come from the conversation ("那要多久呢" after a question about 低保).
 */
export function policyHandler(deps: AnswerDeps): IntentHandler {
  return async (ctx) => {
    await deps.templates.refresh();
    const id = serviceOf(ctx);
    const t = id ? deps.templates.get(id) : undefined;
    if (!t) return askService(deps, 'ask_service');
    return asksForChecklist(deps, ctx.text) ? firstNotice(deps, ctx, t) : policyAnswer(deps, ctx, t);
  };
}
