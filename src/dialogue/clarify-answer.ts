import type { SystemMessages } from '../answers/catalog.js';
import { textReply } from '../core/message.js';
import type { ClassificationResult } from '../pipeline/types.js';
import { looksLikeQuestion, type ReplyReader } from './reply.js';
import { SERVICE_CORRECTED_ROUTE } from './service-corrected.js';
import { correctsService, type RoutingRules } from './router.js';
import { routeAsNew, type Dispatch } from './route-again.js';
import type { DialogueContext, DialogueResult, IntentHandler } from './types.js';

interface ClarifyState {
  options: string[];
  /** how each option was named in the question (its words can pick it) */
  labels: string[];
  service?: string;
  /** clarifying questions asked in a row before this one */
  misses: number;
  /** the message the question was about: the chosen reading runs on it, not on the "1" that chose it */
  text?: string;
}

/** the third clarifying question in a row is numbered choices with a person */
const CHOICES_AT = 2;

function readState(data: unknown): ClarifyState | undefined {
  const d = data as Partial<ClarifyState> | undefined;
  if (!Array.isArray(d?.options) || !d.options.every((o) => typeof o === 'string')) return undefined;
  const labels = Array.isArray(d.labels) && d.labels.every((l) => typeof l === 'string') ? d.labels : [];
  return {
    options: d.options, labels, service: typeof d.service === 'string' ? d.service : undefined,
    misses: typeof d.misses === 'number' ? d.misses : 0, ...(typeof d.text === 'string' ? { text: d.text } : {}),
  };
}

/** `asked`: picked by asking something new of that kind ("那是哪一级批"): it runs on its own words, not the first message's */
type Picked = { route: string; asked?: boolean } | { person: true } | { unclear: true } | undefined;

/** routes that say nothing about the service the question was about ("办证" read alone) */
export const GENERIC = new Set(['out_of_scope', 'fallback', 'greeting', 'help', 'thanks_bye', 'feedback']);

/** Which offered reading the villager picked: by number, "第一个", the option's words, or by saying one of them plainly. */
function picked(ctx: DialogueContext, state: ClarifyState, replies: ReplyReader): Picked {
  const withPerson = state.misses >= CHOICES_AT;
  const m = replies.read(ctx.text, state.labels.length ? state.labels : state.options);
  if (m.kind === 'person') return { person: true };
  if (m.kind === 'unclear') return { unclear: true };
  // "对头" / "是的" to "您是想：1. … 2. …": yes to the reading named first (the likeliest one)
  if (m.kind === 'confirm' && !m.done && state.options[0]) return { route: state.options[0] };
  if (m.kind === 'choose') {
    const route = state.options[m.index];
    if (route) return { route };
    if (withPerson && m.index === state.options.length) return { person: true };
  }
  const c = ctx.classification;
  return c && !c.shouldClarify && state.options.includes(c.intent) ? { route: c.intent, asked: looksLikeQuestion(ctx.text) } : undefined;
}

function hasDoWord(messages: SystemMessages, text: string): boolean {
  return messages.render('clarify_do_words').split('|').some((w) => w && text.includes(w));
}

/** The same question again (after "啥意思"). */
function askAgain(messages: SystemMessages, state: ClarifyState): DialogueResult {
  const [first = '', second = ''] = state.labels;
  return { reply: textReply(messages.render('clarify', { first, second })), pending: 'clarify', pendingData: state };
}

/** The clarifying question asked again after an unpicked answer: the third time in a row, numbered with a person. */
function countMiss(messages: SystemMessages, state: ClarifyState, result: DialogueResult): DialogueResult {
  if (result.pending !== 'clarify') return result;
  const next = readState(result.pendingData);
  if (!next) return result;
  const misses = state.misses + 1;
  if (misses < CHOICES_AT) return { ...result, pendingData: { ...next, misses } };
  const lines = next.labels.map((label, i) => messages.render('clarify_choice_line', { n: i + 1, label }));
  const text = messages.render('clarify_choices', { choices: lines.join('\n'), person: next.labels.length + 1 });
  return { reply: textReply(text), pending: 'clarify', pendingData: { ...next, misses } };
}

/**
 * The answer to "您是想…，还是…？": the chosen reading runs with the service of the first question;
 * a person (asked for, or the last numbered choice) gets a handoff case; anything else is routed as a new
 * message, keeping the service the question was about ("办证" after a question about 残疾证).
 */
export function clarifyAnswerHandler(messages: SystemMessages, replies: ReplyReader, dispatch: Dispatch, rules?: RoutingRules): IntentHandler {
  return async (ctx) => {
    const state = readState(ctx.conversation.pendingData);
    const choice = state ? picked(ctx, state, replies) : undefined;
    const fallback = (): DialogueResult => ({ reply: textReply(messages.render('fallback')) });
    if (choice && 'person' in choice) {
      const about = { handoffAbout: ctx.text, ...(state?.service ? { service: state.service } : {}) };
      const result = await dispatch('handoff_now', { ...ctx, conversation: { ...ctx.conversation, pendingData: about } });
      return { ...(result ?? fallback()), pending: null };
    }
    if (choice && 'unclear' in choice && state) return countMiss(messages, state, askAgain(messages, state));
    // "不对 我说的是五保": the service understood was wrong — asked again about the one named
    if (correctsService(ctx, rules)) {
      const corrected = await dispatch(SERVICE_CORRECTED_ROUTE, ctx);
      if (corrected?.reply.parts.some(Boolean)) return corrected;
    }
    let classification: ClassificationResult | undefined = ctx.classification;
    const service = classification?.service ?? state?.service;
    if (choice && 'route' in choice && classification) classification = { ...classification, intent: choice.route, service, shouldClarify: false };
    else if (classification && service) classification = { ...classification, service };
    const next = { ...ctx, classification };
    if (choice && 'route' in choice) {
      const cleared = { ...next, text: choice.asked ? ctx.text : state?.text ?? ctx.text, conversation: { ...ctx.conversation, pending: undefined, pendingData: undefined } };
      const result = (await dispatch(choice.route, cleared)) ?? fallback();
      return { ...result, pending: result.pending ?? null };
    }
    const generic = state?.service && classification && (classification.shouldClarify || GENERIC.has(classification.intent));
    if (generic && classification) {
      // a few words about the service the question was about: doing it (办/材料/手续) is the checklist, else its rules
      const route = hasDoWord(messages, ctx.text) ? 'checklist' : 'policy_query';
      return routeAsNew({ ...next, classification: { ...classification, intent: route, shouldClarify: false } }, dispatch, fallback);
    }
    const result = await routeAsNew(next, dispatch, fallback);
    return state ? countMiss(messages, state, result) : result;
  };
}
