import { textReply } from '../../core/message.js';
import type { DialogueContext, DialogueResult } from '../types.js';
import type { FlowDeps } from './deps.js';
import { answersIntake, extractFields } from './intake-fields.js';

const OWN_REPLIES = new Set(['unclear', 'confirm', 'deny', 'cancel', 'person']);

/** What the aside needs of the waiting intake: its state name, its data, and the step it is at. */
export interface WaitingIntake {
  state: string;
  data: { kind: string; step: 'details' | 'confirm' };
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
  return answersIntake(extractFields(ctx.text, deps.phrases)) ? undefined : c.intent;
}

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
  const reminder = p.render(`intake_aside_${intake.data.step}`, { kindLabel: p.kindLabel(intake.data.kind) });
  return {
    reply: textReply(...other.reply.parts, reminder),
    pending: intake.state,
    pendingData: intake.data,
    ...(other.lastService ? { lastService: other.lastService } : {}),
  };
}
