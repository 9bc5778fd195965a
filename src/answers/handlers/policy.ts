import { textReply } from '../../core/message.js';
import type { DialogueContext, DialogueResult, IntentHandler } from '../../dialogue/types.js';
import { officeOf } from '../answer-phrases.js';
import { bestFact, bestScoredFact, faqAcrossServices, FULL_MATCH, questionWords, WHOLE_VARIANT } from '../fact-match.js';
import type { Fact } from '../facts.js';
import { clausesOf, STEP_CUES } from '../aspect.js';
import { detectAspects, renderPolicyAnswer, type Aspect } from '../render-policy.js';
import { isServiceId } from '../published-templates.js';
import { isSendableToVillagers, SERVICE_IDS, type ServiceTemplate } from '../service-template.schema.js';
import { recordUnanswered } from '../unanswered.model.js';
import { firstNotice } from './checklist.js';
import { refusingInternal, serviceOf, type AnswerDeps } from './context.js';
import { askService } from './ask-service.js';

/** The villager may answer "好 / 要 / 1" to the offer of a person after a question the rules do not cover. */
export const OFFER_HANDOFF_STATE = 'offer_handoff';
/** a question of at most this many content words that matches nothing is a topic: the overview answers it */
const TOPIC_WORDS = 1;
const FAQ_FIRST_WORDS = 3;


/**
 * A follow-up the classifier could not place ("超过60天没办完怎么办" after a question about 信访): answered from
 * the service the conversation was about when one of its sentences fits; undefined otherwise.
 */
export async function followUpFact(deps: AnswerDeps, ctx: DialogueContext): Promise<DialogueResult | undefined> {
  const id = ctx.conversation.lastService;
  await deps.templates.refresh();
  const t = isServiceId(id) ? deps.templates.get(id) : undefined;
  const q = deps.retrieval.standard(ctx.text);
  if (!t || !isSendableToVillagers(t) || questionWords(q, t, deps.retrieval).length < FAQ_FIRST_WORDS) return undefined;
  const fact = bestFact(q, t, deps.render, deps.retrieval);
  return fact ? { reply: textReply(deps.render.phrases.render('fact_answer', { service: t.name, answer: fact.answer })), lastService: t.id } : undefined;
}

/** The service's own sentence for a question the aspects miss, or an honest "not on file" with a person offered. */
async function answerQuestion(deps: AnswerDeps, ctx: DialogueContext, t: ServiceTemplate): Promise<DialogueResult> {
  const p = deps.render.phrases;
  if (!deps.retrieval.asksStaff(ctx.text) && questionWords(deps.retrieval.standard(ctx.text), t, deps.retrieval).length <= TOPIC_WORDS) {
    return { reply: textReply(renderPolicyAnswer(t, undefined, deps.render)), lastService: t.id };
  }
  return notOnFile(deps, ctx, t, p.render('fact_missing_lead', { service: t.name }));
}

/**
 * What the rules on file do not give ("张榜公布要贴几天"): `said` (the FAQ's honest sentence, or "not on file"), then a
 * person — offered (`pending:offer_handoff`, "好" registers it), or registered at once when the villager asked us to
 * find out ("你帮我问一下嘛"). Stored for the report's backlog either way.
 */
export async function notOnFile(deps: AnswerDeps, ctx: DialogueContext, t: ServiceTemplate, said: string): Promise<DialogueResult> {
  const p = deps.render.phrases;
  await recordUnanswered({ channel: ctx.message.channel, text: ctx.text, reason: 'no_fact', service: t.id, intent: ctx.classification?.intent });
  const office = officeOf(deps.render, t.office).name;
  const handoffAbout = { handoffAbout: ctx.text, service: t.id };
  if (deps.retrieval.asksStaff(ctx.text) && deps.dispatch) {
    const made = await deps.dispatch('handoff_now', { ...ctx, conversation: { ...ctx.conversation, pendingData: handoffAbout } });
    if (made) return { ...made, reply: textReply(`${said}\n${p.render('fact_asked_staff', { office })}`, ...made.reply.parts), pending: null, lastService: t.id };
  }
  return {
    reply: textReply(`${said}\n${p.render('fact_offer', { office })}`),
    lastService: t.id,
    pending: OFFER_HANDOFF_STATE,
    pendingData: handoffAbout,
  };
}

/**
 * The answer to what the text asks about a service: an FAQ entry that fits closely, else the aspect asked
 * (条件/材料/…), else the sentence of the rules that matches, else — for a bare topic — the overview, else an
 * honest "the rules on file do not cover this" with a person offered (also after an FAQ entry whose figure is not on
 * file yet). Refuses internal templates.
 */
export function policyAnswer(deps: AnswerDeps, ctx: DialogueContext, t: ServiceTemplate): Promise<DialogueResult> {
  return refusingInternal(deps, t, ctx, async () => {
    const answer = ruleAnswerOf(deps, ctx.text, t);
    if (answer?.pending) return notOnFile(deps, ctx, t, answer.text);
    return answer ? { reply: textReply(answer.text), lastService: t.id } : answerQuestion(deps, ctx, t);
  });
}

/** aspects that may be answered second in one reply ("能延多长时间 谁批的"); the others' cues overlap too often */
const SECOND_ASPECTS: readonly Aspect[] = ['timeLimit', 'approver', 'where'];

/**
 * What the service's rules say to this question, read in standard words (好久 → 多久): an FAQ entry that fits
 * closely, else the aspects asked (at most two), else the sentence that matches; undefined when none does (then the
 * caller gives the overview for a bare topic or says the rules on file do not cover it). Throws for internal templates.
 */
export function ruleAnswer(deps: Pick<AnswerDeps, 'retrieval' | 'render'>, text: string, t: ServiceTemplate): string | undefined {
  return ruleAnswerOf(deps, text, t)?.text;
}

/** The rules' answer to a question: its text, whether it is an FAQ entry, whether that entry waits on a figure not on file. */
export interface RuleAnswer { text: string; faq: boolean; pending: boolean }

/** {@link ruleAnswer} and whether it is one of the service's FAQ entries (a specific question, matched closely). */
export function ruleAnswerOf(deps: Pick<AnswerDeps, 'retrieval' | 'render'>, text: string, t: ServiceTemplate): RuleAnswer | undefined {
  const q = deps.retrieval.standard(text);
  const scored = bestScoredFact(q, t, deps.render, deps.retrieval);
  const fact = scored?.fact;
  const said = fact && deps.render.phrases.render('fact_answer', { service: t.name, answer: fact.answer });
  // an FAQ entry wins over the aspect when the question says more than the aspect's cue ("能给多少钱"), or when one
  // of its variants is matched whole ("那我不服可以咋办": 不服, not the procedure's 怎么办)
  const pending = fact?.pending ?? false;
  const asked = questionWords(q, t, deps.retrieval).length;
  const score = scored?.score ?? 0;
  const [first, ...rest] = detectAspects(q);
  // an FAQ entry holding every content word of a two-word question ("60天办不完咋办": 天, 办不完) wins over the procedure
  // its 怎么办 frame names: "X怎么办" asks what happens when X, not how to apply
  const whatNow = first === 'procedure' && asked >= 1 && score >= FULL_MATCH;
  // ... but not when the question asks an aspect the entry says nothing of ("从交申请到批下来要多久" is not answered by
  // "批不下来怎么办"): then the aspect answers
  const fits = !first || score >= WHOLE_VARIANT || speaksTo(fact, first) || (score >= FULL_MATCH && asksBeyondAspect(q));
  // "出车祸能申请吗", "俺要求把啥事公开 多少天能给公开", "批了去哪": an entry holding every content word and asking the same aspect
  // is more specific than the aspect's list
  // ("信访找谁" says nothing beyond the 'where' cue: the office answers it, not an entry that also has 找谁 in it)
  const beyondCue = first !== 'where' || questionWords(q, t, deps.retrieval).some((w) => [...w].length >= 2 && detectAspects(w).length === 0);
  const sameAspect = (first === 'eligibility' || first === 'timeLimit' || first === 'where') && beyondCue && score >= FULL_MATCH && speaksTo(fact, first);
  if (said && fact?.faq && fits && (asked >= FAQ_FIRST_WORDS || score >= WHOLE_VARIANT || whatNow || sameAspect)) return { text: said, faq: true, pending };
  if (!first) return said ? { text: said, faq: fact?.faq ?? false, pending } : undefined;
  // "要过哪几道关 每一道要多少天": the steps and their time limits, the steps first
  const second = rest.find((a) => SECOND_ASPECTS.includes(a) || (a === 'procedure' && STEP_CUES.some((w) => q.includes(w))));
  // "要啥子条件 啥子时候批": each clause asks its own aspect — both answered, in the order asked
  const byClause = clauseAspects(q);
  // "能不能申请要准备些啥": can I, and what to bring — both, in that order
  const canAndBring = [first, ...rest].includes('eligibility') && [first, ...rest].includes('materials');
  const pair: Aspect[] = canAndBring ? ['eligibility', 'materials'] : second === 'procedure' ? [second, first]
    : !second && byClause.length >= 2 && byClause.includes(first) ? byClause.slice(0, 2)
      : [first, ...(second ? [second] : [])];
  return { text: pair.map((a) => renderPolicyAnswer(t, a, deps.render)).join('\n'), faq: false, pending: false };
}

/** The first aspect of each clause that names one, in order, without repeats. */
function clauseAspects(q: string): Aspect[] {
  const out: Aspect[] = [];
  for (const clause of clausesOf(q)) {
    const a = detectAspects(clause)[0];
    if (a && !out.includes(a)) out.push(a);
  }
  return out;
}

/**
 * The question proper (the last clause) names no aspect although the story before it does: "…说我不够低保条件 会不会给个
 * 书面的东西 讲清楚为啥子不批" asks about the refusal, not the conditions.
 */
function asksBeyondAspect(q: string): boolean {
  const clauses = clausesOf(q);
  return clauses.length > 1 && detectAspects(clauses.at(-1) ?? '').length === 0;
}

/** Whether a fact's question variants or its answer touch the aspect (a time question and an entry about time). */
function speaksTo(fact: Fact | undefined, aspect: Aspect): boolean {
  return !!fact && detectAspects([...fact.match, fact.answer].join(' ')).includes(aspect);
}

/** Whether the rules on file answer this question about the service (not a bare topic, not "not on file"). */
export function hasRuleAnswer(deps: Pick<AnswerDeps, 'retrieval' | 'render'>, text: string, t: ServiceTemplate): boolean {
  return isSendableToVillagers(t) && ruleAnswer(deps, text, t) !== undefined;
}

/** A question the rules of the turn's service (named, or talked of) answer: a waiting flow hands it to policy_query. */
export function asksRuleOf(deps: AnswerDeps, ctx: DialogueContext): boolean {
  const id = serviceOf(ctx);
  const t = id ? deps.templates.get(id) : undefined;
  return !!t && deps.retrieval.isQuestion(ctx.text) && hasRuleAnswer(deps, ctx.text, t);
}

/** The villager typed the command our own answers suggest ("低保一次性告知"), or asked for it all at once ("一次说全"). */
export const asksForChecklist = (deps: AnswerDeps, text: string): boolean => {
  const said = text.replace(/\s+/g, '');
  const p = deps.render.phrases;
  return said.includes(p.render('checklist_command')) || p.render('checklist_asks').split('|').some((w) => w !== '' && said.includes(w));
};

/**
 * policy_query: one aspect of a service ("低保需要什么条件"), the sentence that answers another question, or an
 * overview of it; asks which service when none is known. The service may come from the conversation
 * ("那要多久呢" after a question about 低保).
 */
export function policyHandler(deps: AnswerDeps): IntentHandler {
  return async (ctx) => {
    await deps.templates.refresh();
    const id = serviceOf(ctx);
    const t = id ? deps.templates.get(id) : undefined;
    if (!t) return (await faqOfAnyService(deps, ctx)) ?? askService(deps, 'ask_service', ctx.text);
    if (asksForChecklist(deps, ctx.text)) return firstNotice(deps, ctx, t);
    // the service talked of has nothing to say to it, another service's FAQ entry holds it whole: that entry answers
    const named = !!ctx.classification?.service && !ctx.classification.serviceFromContext;
    const elsewhere = !named && !hasRuleAnswer(deps, ctx.text, t) ? await faqOfAnyService(deps, ctx) : undefined;
    if (elsewhere) return elsewhere;
    const result = await policyAnswer(deps, ctx, t);
    // not after a flow was started or ended (a person registered at once, an offer of one)
    return aboutOwnMatter(ctx) && result.pending === undefined ? { ...result, reply: textReply(...result.reply.parts, deps.render.phrases.render('rule_offer_next')) } : result;
  };
}

/**
 * No service named or talked of: an FAQ entry one of whose question variants the message says whole ("改了以后还能再改不"
 * is the 约谈 rule) answers it when exactly one service has such an entry; otherwise undefined (the bot asks which service).
 */
async function faqOfAnyService(deps: AnswerDeps, ctx: DialogueContext): Promise<DialogueResult | undefined> {
  const sendable = SERVICE_IDS.map((id) => deps.templates.get(id)).filter((t): t is ServiceTemplate => t !== undefined && isSendableToVillagers(t));
  const hit = faqAcrossServices(deps.retrieval.standard(ctx.text), sendable, deps.render, deps.retrieval);
  if (!hit) return undefined;
  return { reply: textReply(deps.render.phrases.render('fact_answer', { service: hit.t.name, answer: hit.fact.answer })), lastService: hit.t.id };
}

/** readings that mean the villager has a matter of their own under way ("交到镇上半个月了 按规定几天要核查完") */
const OWN_MATTER = new Set(['progress_query', 'complaint']);

/** Read as a progress query or a complaint (or unsure between them): after the rule, progress and complaint are offered. */
function aboutOwnMatter(ctx: DialogueContext): boolean {
  const c = ctx.classification;
  if (!c) return false;
  return OWN_MATTER.has(c.intent) || (c.shouldClarify && c.top.slice(0, 2).some((x) => OWN_MATTER.has(x.intent))) || tellsOwnWait(ctx.text);
}

/** "材料送到镇上 二十多天了", "交上去一个月了": the villager's own application, handed in and waited on */
const HANDED_IN = /(交|送|递|报)(上去|到|了|过)/;
const WAITED = /(天|月|周|星期|礼拜)(了|啦|都)/;
function tellsOwnWait(text: string): boolean {
  return HANDED_IN.test(text) && WAITED.test(text);
}
