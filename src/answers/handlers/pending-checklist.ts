import { z } from 'zod';
import { textReply } from '../../core/message.js';
import { looksLikeQuestion, type ReplyMeaning, type ReplyReader } from '../../dialogue/reply.js';
import type { DialogueContext, DialogueResult, IntentHandler } from '../../dialogue/types.js';
import { matchMaterials, renderMissing } from '../render-checklist.js';
import { detectAspect } from '../render-policy.js';
import { isServiceId } from '../published-templates.js';
import type { ServiceTemplate } from '../service-template.schema.js';
import { firstNotice, sendNotice, type ChecklistPending } from './checklist.js';
import { refusingInternal, type AnswerDeps } from './context.js';
import { questionWords } from '../fact-match.js';
import { asksForChecklist, notOnFile, policyAnswer, ruleAnswerOf } from './policy.js';
import { asksWhatIsMissing, materialAnswer, materialNote } from '../material-question.js';

const PendingSchema = z.object({
  service: z.string(), have: z.array(z.string()), recordNumber: z.string(), misses: z.number().optional(), choices: z.boolean().optional(), asides: z.number().optional(),
});
/** the second reply in a row that the follow-up cannot use gets numbered choices with a person */
const CHOICES_AT = 2;
const CHOICES = ['again', 'have', 'stop', 'person'] as const;

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
type State = z.infer<typeof PendingSchema>;

/**
 * pending:checklist — the villager tells what they have ("我只有身份证和户口本", "身份证有了 照片还没拍").
 * A question is answered first from this service's facts: one its FAQ entries answer, or a specific one ("照片要几张",
 * "乡卫生院开的诊断书要得不": 几张/可以不/哪里/多久 …), whatever materials it names. A message that names no checklist
 * material is read with the classifier: confidently something else (a complaint) → the flow is released and the message
 * goes to `delegate` (when nobody takes it, a short "please say it again"); about another service (named clearly: the
 * dialogue step keeps this one for a word it only shares) → that service's answer or checklist; a question about this
 * service ("那要多久呢") → answered, flow kept; otherwise a reminder of what the bot is waiting for. A service whose list
 * is not on file (残疾证) says so honestly with a person offered instead of listing what is missing.
 */
export function pendingChecklistHandler(deps: AnswerDeps, delegate: Delegate, replies: ReplyReader, elsewhere: (text: string) => boolean = () => false): IntentHandler {
  return async (ctx) => {
    const parsed = PendingSchema.safeParse(ctx.conversation.pendingData);
    const state = parsed.success ? parsed.data : undefined;
    await deps.templates.refresh();
    const t = state && isServiceId(state.service) ? deps.templates.get(state.service) : undefined;
    if (!state || !t) return { ...((await delegate(ctx.classification?.intent ?? 'fallback', ctx)) ?? { reply: textReply() }), pending: null };
    // "不对不对 搞错了 我问的是失业那个证": the list of the service the villager meant, this one waits no more
    const corrected = ctx.classification?.service;
    const meant = namesAnother(ctx, t) && isServiceId(corrected) && replies.corrects(ctx.text) ? deps.templates.get(corrected) : undefined;
    // ("不是 我还想问低保标准": a rule question about it is answered; otherwise its list)
    const asksRule = ctx.classification?.intent === 'policy_query' && !ctx.classification.shouldClarify;
    if (meant) return asksRule ? { ...(await policyAnswer(deps, ctx, meant)), pending: null } : firstNotice(deps, ctx, meant);
    // "你能不能一次说全": the whole list again, before any question its words could also be
    if (asksForChecklist(deps, ctx.text) && !namesAnother(ctx, t)) return firstNotice(deps, ctx, t);
    // "身份证户口本都有了 还差么子": what is still missing, whatever FAQ entry its material words also touch
    if (asksWhatIsMissing(deps.retrieval.standard(ctx.text)) && !namesAnother(ctx, t) && t.materials.length > 0) return followUp(deps, ctx, t, state);
    // a question one of the service's FAQ entries answers ("骑摩托摔的 也能申请不") is a question, whatever words it shares with a material
    const specific = deps.retrieval.asksSpecific(ctx.text) && !asksWhatIsMissing(deps.retrieval.standard(ctx.text));
    const asked = (await askedOnTheSide(deps, ctx, t, state, true)) ?? (specific ? await askedSpecifically(deps, ctx, t, state) : undefined);
    if (asked) return asked;
    // "还要带啥" for a service whose list is not on file: said honestly, never a placeholder read as a list
    if (t.materials.length === 0 && detectAspect(deps.retrieval.standard(ctx.text)) === 'materials') return missed(deps, ctx, t, state);
    const m = matchMaterials(t, ctx.text);
    // "申请低保要是没批 政府要不要给个说法嘛" during the 大病救济 list: a question about the service it names, whatever
    // material word (申请) it shares with this list
    const named = ctx.classification?.service;
    const asksList = ctx.classification?.intent === 'checklist' || detectAspect(deps.retrieval.standard(ctx.text)) === 'materials';
    const another = namesAnother(ctx, t) && isServiceId(named) && !asksList && m.have.length === 0 && deps.retrieval.isQuestion(ctx.text) ? deps.templates.get(named) : undefined;
    // the villager has moved on: this list waits no more
    if (another) return { ...(await policyAnswer(deps, ctx, another)), pending: null };
    if (m.have.length + m.lacking.length > 0) return followUp(deps, ctx, t, state);
    const said = replies.read(ctx.text, state.choices ? CHOICES.map((c) => c) : []);
    const answer = await byReply(deps, ctx, t, state, said, delegate);
    if (answer) return answer;
    // "嗯 有讲清楚 满意啦 多谢哦": the villager is done with the list (a question with thanks is still a question)
    if (replies.thanks(ctx.text) && !looksLikeQuestion(ctx.text)) return { reply: textReply(deps.render.phrases.render('checklist_thanks')), pending: null, lastService: t.id };
    const aside = await askedOnTheSide(deps, ctx, t, state);
    if (aside) return aside;
    // "老板拖咗我三个月人工 点算好": a matter another unit handles (the redirect directory) is answered, the list released
    if (m.have.length + m.lacking.length === 0 && !OWN_INTENTS.has(ctx.classification?.intent ?? '') && elsewhere(ctx.text)) return { ...((await delegate('redirect', ctx)) ?? { reply: textReply() }), pending: null };
    if (said.kind === 'unclear') return missed(deps, ctx, t, state);
    const c = ctx.classification;
    const sure = c !== undefined && !c.shouldClarify && c.confidence >= RELEASE_CONFIDENCE;
    const keep = { pending: 'checklist', pendingData: { ...state, misses: 0, choices: false } } as const;
    if (asksForChecklist(deps, ctx.text) && !(sure && isServiceId(c.service) && c.service !== t.id)) return firstNotice(deps, ctx, t);
    if (sure && !OWN_INTENTS.has(c.intent)) {
      const other = await delegate(c.intent, ctx);
      return { ...(other ?? { reply: textReply(deps.render.phrases.render('checklist_released', { service: t.name })) }), pending: other?.pending ?? null };
    }
    const other = sure && isServiceId(c.service) && c.service !== t.id ? deps.templates.get(c.service) : undefined;
    if (other && (c?.intent === 'checklist' || asksForChecklist(deps, ctx.text))) return firstNotice(deps, ctx, other);
    if (other) return { ...(await policyAnswer(deps, ctx, other)), ...keep };
    if (detectAspect(ctx.text) || (sure && c.intent === 'policy_query') || looksLikeQuestion(ctx.text)) {
      const result = await policyAnswer(deps, ctx, t);
      // "the rules do not cover it" offers a person; the checklist then waits no more
      return result.pending ? result : { ...result, ...keep };
    }
    // a document this checklist does not have ("俺家没有结婚证") still gets an answer, with the missing list
    if (m.unknown.length > 0 && t.materials.length > 0) return followUp(deps, ctx, t, state);
    return missed(deps, ctx, t, state);
  };
}

/**
 * A question about this service in the middle of the follow-up ("那每一步要好久", "批下来了钱咋个领"): the rules'
 * answer, then one line saying the checklist is still open (two wordings in turn, so it never reads as a loop); an FAQ
 * entry whose figure is not on file yet is said with a person offered. Undefined when it is no question, names another
 * service, or the rules on file do not answer it.
 */
async function askedOnTheSide(deps: AnswerDeps, ctx: DialogueContext, t: ServiceTemplate, state: State, faqOnly = false): Promise<DialogueResult | undefined> {
  if (namesAnother(ctx, t)) return undefined;
  const q = deps.retrieval.standard(ctx.text);
  if (!deps.retrieval.isQuestion(ctx.text) && (faqOnly || !detectAspect(q))) return undefined;
  // a bare "咋弄" / "怎么办" says nothing of what is asked: the follow-up asks again instead
  if (questionWords(q, t, deps.retrieval).length === 0) return undefined;
  const found = ruleAnswerOf(deps, ctx.text, t);
  if (!found || (faqOnly && !found.faq)) return undefined;
  if (found.pending) return notOnFile(deps, ctx, t, found.text);
  return withReminder(deps, t, state, found.text);
}

/**
 * A specific question ("照片要几张", "诊断书乡卫生院开的要得不", "要去哪里评等级"): the rules' answer, else the line of the
 * material it names; a count the rules do not give, or nothing at all for a service whose list is not on file, is said
 * honestly with a person offered. Undefined for a question about no material of a listed service (read further on).
 */
async function askedSpecifically(deps: AnswerDeps, ctx: DialogueContext, t: ServiceTemplate, state: State): Promise<DialogueResult | undefined> {
  if (namesAnother(ctx, t)) return undefined;
  const aside = await askedOnTheSide(deps, ctx, t, state);
  if (aside) return aside;
  const material = materialAnswer(t, deps.retrieval.standard(ctx.text), deps.render);
  if (material?.known) return withReminder(deps, t, state, material.text);
  if (material || t.materials.length === 0) return notOnFile(deps, ctx, t, deps.render.phrases.render('fact_missing_lead', { service: t.name }));
  return undefined;
}

/** Named clearly in the message (not carried over, not only a word this service shares): another service. */
function namesAnother(ctx: DialogueContext, t: ServiceTemplate): boolean {
  const c = ctx.classification;
  return !!c?.service && !c.serviceFromContext && c.service !== t.id;
}

function withReminder(deps: AnswerDeps, t: ServiceTemplate, state: State, answer: string): DialogueResult {
  const asides = (state.asides ?? 0) + 1;
  const reminder = deps.render.phrases.render(asides % 2 === 1 ? 'checklist_aside' : 'checklist_aside_again', { service: t.name });
  return { reply: textReply(answer, reminder), pending: 'checklist', pendingData: { ...state, misses: 0, choices: false, asides }, lastService: t.id };
}

/** What the shared reply understanding makes of it: a confirmation, a numbered choice, a person, a cancel. */
async function byReply(
  deps: AnswerDeps, ctx: DialogueContext, t: ServiceTemplate, state: ChecklistPending & { choices?: boolean }, said: ReplyMeaning, delegate: Delegate,
): Promise<DialogueResult | undefined> {
  const choice = said.kind === 'choose' && state.choices ? CHOICES[said.index] : undefined;
  if (said.kind === 'person' || choice === 'person') {
    const about = { ...ctx, conversation: { ...ctx.conversation, pendingData: { handoffAbout: deps.render.phrases.render('checklist_person_about', { service: t.name, number: state.recordNumber }), service: t.id } } };
    return { ...((await delegate('handoff_now', about)) ?? { reply: textReply() }), pending: null };
  }
  if (said.kind === 'cancel' || choice === 'stop') return { reply: textReply(deps.render.phrases.render('checklist_stopped', { service: t.name })), pending: null };
  if (choice === 'again') return firstNotice(deps, ctx, t);
  if (choice === 'have') return { reply: textReply(deps.render.phrases.render('checklist_waiting', { service: t.name })), pending: 'checklist', pendingData: { ...state, misses: 0, choices: false } };
  if (said.kind === 'confirm') return { reply: textReply(deps.render.phrases.render('checklist_ack')), pending: null, lastService: t.id };
  return undefined;
}

/**
 * Asked again once; the second miss in a row gets numbered choices with a person. A service whose list is not on
 * file cannot be asked "which do you have": it says so, with a person offered.
 */
async function missed(deps: AnswerDeps, ctx: DialogueContext, t: ServiceTemplate, state: ChecklistPending & { misses?: number }): Promise<DialogueResult> {
  if (t.materials.length === 0) {
    return notOnFile(deps, ctx, t, deps.render.phrases.render('checklist_no_list', { service: t.name, note: materialNote(t) }));
  }
  const misses = (state.misses ?? 0) + 1;
  const key = misses >= CHOICES_AT ? 'checklist_choices' : 'checklist_waiting';
  return { reply: textReply(deps.render.phrases.render(key, { service: t.name })), pending: 'checklist', pendingData: { ...state, misses, choices: misses >= CHOICES_AT } };
}
