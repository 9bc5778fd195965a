import { z } from 'zod';
import { textReply } from '../../core/message.js';
import type { DialogueContext, DialogueResult, IntentHandler } from '../../dialogue/types.js';
import { matchMaterials, renderMissing } from '../render-checklist.js';
import { detectAspect } from '../render-policy.js';
import { isServiceId } from '../published-templates.js';
import type { ServiceTemplate } from '../service-template.schema.js';
import { firstNotice, sendNotice, type ChecklistPending } from './checklist.js';
import { refusingInternal, type AnswerDeps } from './context.js';
import { asksForChecklist, policyAnswer } from './policy.js';

const PendingSchema = z.object({ service: z.string(), have: z.array(z.string()), recordNumber: z.string() });

/** How sure the classifier must be before a message that names no material leaves the checklist flow. */
export const RELEASE_CONFIDENCE = 0.6;

/** Answers a message that is about something else: a route name → its result, or undefined when unknown here. */
export type Delegate = (route: string, ctx: DialogueContext) => Promise<DialogueResult | undefined>;

/** The second notice (only what is missing) or, when nothing is, where to go next; both recorded. */
async function followUp(deps: AnswerDeps, ctx: DialogueContext, t: ServiceTemplate, state: ChecklistPending): Promise<DialogueResult> {
  const m = matchMaterials(t, ctx.text);
  const have = [...new Set([...state.have, ...m.have])].filter((id) => !m.lacking.includes(id));
  const missing = t.materials.filter((x) => !have.includes(x.id));
  const complete = missing.length === 0;
  return refusingInternal(deps, t, ctx, async () => {
    const { number, parts } = await sendNotice(deps, ctx, {
      t, kind: complete ? 'complete' : 'second', items: complete ? t.materials : missing,
      parts: renderMissing(t, have, deps.render, m.unknown),
    });
    const reply = textReply(...parts);
    if (complete) return { reply, pending: null, lastService: t.id };
    const pendingData: ChecklistPending = { service: t.id, have, recordNumber: number };
    return { reply, pending: 'checklist', pendingData, lastService: t.id };
  });
}


const OWN_INTENTS = new Set(['checklist', 'policy_query']);

/**
 * pending:checklist — the villager tells what they have ("我只有身份证和户口本", "身份证有了 照片还没拍").
 * A message that names no checklist material is read with the classifier: confidently something else (a complaint) → the
 * flow is released and the message goes to `delegate` (when nobody takes it, a short "please say it again");
 * about another service → that service's answer or checklist; a question about this service ("那要多久呢") →
 * answered, flow kept; otherwise a reminder of what the bot is waiting for.
 */
export function pendingChecklistHandler(deps: AnswerDeps, delegate: Delegate): IntentHandler {
  return async (ctx) => {
    const parsed = PendingSchema.safeParse(ctx.conversation.pendingData);
    const state = parsed.success ? parsed.data : undefined;
    await deps.templates.refresh();
    const t = state && isServiceId(state.service) ? deps.templates.get(state.service) : undefined;
    if (!state || !t) return { ...((await delegate(ctx.classification?.intent ?? 'fallback', ctx)) ?? { reply: textReply() }), pending: null };
    const m = matchMaterials(t, ctx.text);
    if (m.have.length + m.lacking.length > 0) return followUp(deps, ctx, t, state);
    const c = ctx.classification;
    const sure = c !== undefined && !c.shouldClarify && c.confidence >= RELEASE_CONFIDENCE;
    const keep = { pending: 'checklist', pendingData: state } as const;
    if (sure && !OWN_INTENTS.has(c.intent)) {
      const answer = await delegate(c.intent, ctx);
      return { ...(answer ?? { reply: textReply(deps.render.phrases.render('checklist_released', { service: t.name })) }), pending: answer?.pending ?? null };
    }
    const other = sure && isServiceId(c.service) && c.service !== t.id ? deps.templates.get(c.service) : undefined;
    if (other && (c?.intent === 'checklist' || asksForChecklist(deps, ctx.text))) return firstNotice(deps, ctx, other);
    if (other) return { ...(await policyAnswer(deps, ctx, other)), ...keep };
    if (detectAspect(ctx.text) || (sure && c.intent === 'policy_query')) return { ...(await policyAnswer(deps, ctx, t)), ...keep };
    // a document this checklist does not have ("俺家没有结婚证") still gets an answer, with the missing list
    if (m.unknown.length > 0) return followUp(deps, ctx, t, state);
    return { reply: textReply(deps.render.phrases.render('checklist_waiting', { service: t.name })), ...keep };
  };
}
