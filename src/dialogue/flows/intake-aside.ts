import { textReply } from '../../core/message.js';
import { looksLikeQuestion } from '../reply.js';
import { interviewRule } from './interview.js';
import { hasAny } from './phrases.js';
import type { DialogueContext, DialogueResult } from '../types.js';
import type { FlowDeps } from './deps.js';
import { answersIntake, extractFields } from './intake-fields.js';

const OWN_REPLIES = new Set(['unclear', 'confirm', 'deny', 'cancel', 'person']);

/** What the aside needs of the waiting intake: its state name, its data, and the step it is at. */
export interface WaitingIntake {
  state: string;
  data: { kind: string; step: 'details' | 'confirm'; fields?: { service?: string; what?: string }; asides?: number; interview?: boolean };
}

/**
 * The intent a message is confidently about when it is another matter than the intake's question
 * (templates/cases-dialogue.yml `aside`): a listed intent, at a step of a kind that takes asides, confident, not to be clarified, and carrying
 * no village, time, wish or contact cue (those make it an answer). Undefined when it belongs to the intake.
 */
export function otherMatter(deps: FlowDeps, ctx: DialogueContext, intake: WaitingIntake): string | undefined {
  const c = ctx.classification;
  const { intents, minConfidence, detailsKinds } = deps.phrases.aside;
  if (intake.data.step === 'details' && !detailsKinds.includes(intake.data.kind)) return undefined;
  if (!c || c.shouldClarify || c.confidence < minConfidence || !intents.includes(c.intent)) return undefined;
  // "啥意思", "对", "不对", "算了": replies to the intake's own question, whatever else the words could mean
  if (OWN_REPLIES.has(deps.replies.read(ctx.text).kind)) return undefined;
  // "对了 我上个月投诉村里那个事有结果没得": a progress question the classifier is sure of is one, whatever time it names
  if (c.intent === 'progress_query' && c.confidence >= SURE_PROGRESS) return c.intent;
  return answersIntake(extractFields(ctx.text, deps.phrases)) ? undefined : c.intent;
}

const SURE_PROGRESS = 0.95;

/**
 * Answers another matter through the handler that owns it and keeps the intake waiting, with one line
 * saying the complaint is not submitted yet. The intake wins over any pending state the other handler
 * asks for (a checklist follow-up, a clarification): the villager is in the middle of the intake, and its
 * data are kept exactly as they were. When no feature handles the intent (the bot has no `contact` handler
 * yet) the villager is told it is not part of the complaint and to ask again afterwards.
 */
export async function answerAside(deps: FlowDeps, ctx: DialogueContext, intent: string, intake: WaitingIntake): Promise<DialogueResult> {
  const p = deps.phrases;
  const other = (await deps.dispatch(intent, { ...ctx, conversation: { ...ctx.conversation } }))
    ?? { reply: textReply(p.render('intake_aside_unanswered')) };
  return keepWaiting(deps, other.reply.parts, intake, other.lastService);
}

/** A question about the intake itself ("这事儿你们多长时间能给个说法", "我的名字会不会被他晓得"): answered first. */
export function ownQuestion(deps: FlowDeps, ctx: DialogueContext, intake: WaitingIntake): DialogueResult | undefined {
  if (!takesQuestion(deps, intake)) return undefined;
  // a village, time or contact in it makes it an answer ("给个说法" alone is the question's own words, not a wish)
  const f = extractFields(ctx.text, deps.phrases);
  if ([f.village, f.when, f.name, f.phone].some((v) => v !== undefined)) return undefined;
  const own = deps.phrases.intakeQuestion(ctx.text);
  // at the read-back, asking for the number asks to register (intake-confirm.ts gives it)
  if (own === 'intake_question_number' && intake.data.step === 'confirm') return undefined;
  return own ? keepWaiting(deps, [deps.phrases.render(own)], intake) : undefined;
}

/**
 * A question asked in the middle of the intake ("优待金一般啥时候发"): one the rules of the intake's service answer (route `question_aside` of the answers feature). Undefined when it is neither:
 * then the message is read as the answer the intake waits for.
 */
export async function questionAside(deps: FlowDeps, ctx: DialogueContext, intake: WaitingIntake, citesRule = false): Promise<DialogueResult | undefined> {
  // a question citing the rules ("我要求他们公开 按规定多久得公开出来") may carry a wish: still a question
  const f = extractFields(ctx.text, deps.phrases);
  const answers = citesRule ? [f.village, f.when, f.name, f.phone].some((v) => v !== undefined) : answersIntake(f);
  if (!takesQuestion(deps, intake) || answers) return undefined;
  const service = intake.data.fields?.service;
  const about = service && !ctx.classification?.service ? { ...ctx, conversation: { ...ctx.conversation, lastService: service } } : ctx;
  const asked = await deps.dispatch('question_aside', about);
  const parts = asked?.reply.parts.filter(Boolean) ?? [];
  return parts.length ? keepWaiting(deps, parts, intake, asked?.lastService) : undefined;
}

/**
 * "他们要多久给我个书面说法" in a complaint about being turned away: the rule on how staff must say no (否定报备: reasons and
 * basis, in writing, within 10 working days), found from the story told; undefined when none fits.
 */
export async function writtenAnswerRule(deps: FlowDeps, ctx: DialogueContext, intake: WaitingIntake): Promise<DialogueResult | undefined> {
  if (!hasAny(ctx.text, deps.phrases.words.inWriting) || !looksLikeQuestion(ctx.text)) return undefined;
  const story = intake.data.fields?.what ?? '';
  // the story says what happened (turned away without reasons); the question only asks when, in writing
  const rule = story ? await deps.dispatch('conduct_rule', { ...ctx, text: story }) : undefined;
  const parts = rule?.reply.parts.filter(Boolean) ?? [];
  return parts.length ? keepWaiting(deps, parts, intake) : undefined;
}

/** a wish for the interview this likely, said during an intake, is one */
const SURE_INTERVIEW = 0.9;

/**
 * The video interview (视频约谈, 000 §3) asked for in the middle of an intake: a question about it ("约谈那天有事 时间能改不")
 * is answered from the interview rules (信访's FAQ entries) with the intake kept waiting; a wish ("我要跟镇长当面视频说") is
 * noted and said so — at the details step the message is still read as the story (`details`) — and the slots are offered
 * once the matter is registered (a handoff to a person offers none: the person arranges it).
 */
export async function interviewInIntake(
  deps: FlowDeps, ctx: DialogueContext, intake: WaitingIntake, details: (data: WaitingIntake['data']) => DialogueResult,
): Promise<DialogueResult | undefined> {
  const c = ctx.classification;
  if (!c || c.shouldClarify || c.intent !== 'interview' || c.confidence < SURE_INTERVIEW) return undefined;
  if (OWN_REPLIES.has(deps.replies.read(ctx.text).kind)) return undefined;
  if (looksLikeQuestion(ctx.text)) {
    const parts = await interviewRule(deps, ctx);
    return keepWaiting(deps, parts.length ? parts : [deps.phrases.render('intake_aside_unanswered')], intake);
  }
  const noted = deps.phrases.render('intake_interview_noted');
  const data = { ...intake.data, interview: true };
  if (intake.data.step === 'details') {
    const next = details(data);
    return { ...next, reply: textReply(noted, ...next.reply.parts) };
  }
  return keepWaiting(deps, [noted], { ...intake, data });
}

/** At the read-back every kind answers questions on the side; at the first step the kinds of `aside.questionKinds`. */
function takesQuestion(deps: FlowDeps, intake: WaitingIntake): boolean {
  return intake.data.step === 'confirm' || deps.phrases.aside.questionKinds.includes(intake.data.kind);
}

/** The answer on the side, then one line saying where the intake is (two wordings in turn: never the same ending thrice). */
function keepWaiting(deps: FlowDeps, parts: string[], intake: WaitingIntake, lastService?: string): DialogueResult {
  const p = deps.phrases;
  const asides = (intake.data.asides ?? 0) + 1;
  const key = `intake_aside_${intake.data.step}${asides % 2 === 0 ? '_again' : ''}`;
  const reminder = p.render(key, { kindLabel: p.kindLabel(intake.data.kind) });
  return {
    reply: textReply(...parts, reminder),
    pending: intake.state,
    pendingData: { ...intake.data, asides },
    ...(lastService ? { lastService } : {}),
  };
}
