import type { CaseRecord } from '../../cases/index.js';
import { CaseError } from '../../cases/index.js';
import { ConversationModel, conversationKey } from '../../conversations/conversation.model.js';
import { textReply, type ChannelId } from '../../core/message.js';
import { maskPersonalData } from '../../nlu/index.js';
import type { DialogueContext, DialogueResult, IntentHandler } from '../types.js';
import { formatDate, type FlowDeps } from './deps.js';
import { handoffNow } from './handoff-now.js';
import { offerReply } from './interview.js';
import { hasAny, type CueWords } from './phrases.js';
import { SatisfactionModel, type SatisfactionRating } from './satisfaction.model.js';

export const SATISFACTION_STATE = 'satisfaction';
/** the second unreadable answer gets numbered choices with a person; after that the question is dropped */
const CHOICES_AT = 2;
const MAX_ASKS = 3;
const RATINGS: readonly SatisfactionRating[] = ['satisfied', 'partly', 'unsatisfied'];
/** option 4 of the numbered choices: a person (a handoff case about the closed case) */
const PERSON_INDEX = 3;

/** 不满意 is checked before 满意 (it contains it), 基本满意 before 满意. */
export function ratingOf(text: string, w: CueWords): SatisfactionRating | undefined {
  if (hasAny(text, w.unsatisfied)) return 'unsatisfied';
  if (hasAny(text, w.partly)) return 'partly';
  if (hasAny(text, w.satisfied)) return 'satisfied';
  return undefined;
}

/** an open flow older than this has been left: the 回访 question no longer waits for it */
const FLOW_IDLE_MS = 30 * 60_000;

/** 回访: when a case is closed, the villager is asked whether they are satisfied — after the flow they are in, if any. */
export async function askSatisfaction(deps: FlowDeps, record: CaseRecord): Promise<void> {
  const { channel, userId } = record.complainant;
  if (channel === 'visit' || channel === 'phone') return; // desk and phone cases are followed up by staff
  const key = conversationKey(channel, userId);
  const now = new Date();
  const conv = await ConversationModel.findOne({ _id: key }, { pending: 1, lastSeenAt: 1 }).lean();
  const busy = conv?.pending && conv.pending !== SATISFACTION_STATE && now.getTime() - conv.lastSeenAt.getTime() < FLOW_IDLE_MS;
  if (busy) {
    // the villager is in the middle of something (an intake, a checklist): the question waits for it to end (afterTurn)
    await ConversationModel.updateOne({ _id: key }, { $addToSet: { queuedFollowups: record.number } });
    return;
  }
  // set before sending, so an instant answer already finds the question pending
  await ConversationModel.updateOne(
    { _id: key },
    { $set: { pending: SATISFACTION_STATE, pendingData: { caseNumber: record.number, asks: 1 } }, $setOnInsert: { key, channel, userId, firstSeenAt: now, lastSeenAt: now, turns: 0 } },
    { upsert: true },
  );
  const text = deps.phrases.render('followup_question', { number: record.number, result: record.result ?? '' });
  await deps.deliverer.deliver({ channel: channel as ChannelId, userId }, textReply(text), { caseNumber: record.number, reason: 'followup' });
}

/** 接单: the villager hears that someone took the case, and by when the answer is due. */
export async function tellTaken(deps: FlowDeps, record: CaseRecord): Promise<void> {
  const { channel, userId } = record.complainant;
  if (channel === 'visit' || channel === 'phone') return; // desk and phone cases are followed up by staff
  const due = formatDate(deps.phrases, record.deadline.due);
  const text = deps.phrases.render('taken_notice', { number: record.number, due });
  await deps.deliverer.deliver({ channel: channel as ChannelId, userId }, textReply(text), { caseNumber: record.number, reason: 'taken' });
}

/**
 * After every turn: when no flow is open any more and a 回访 question was held back, it is asked now,
 * after the turn's own reply.
 */
export function releaseQueuedFollowup(deps: FlowDeps): (ctx: DialogueContext, result: DialogueResult) => Promise<DialogueResult> {
  return async (ctx, result) => {
    const number = ctx.conversation.queuedFollowups?.[0];
    if (!number) return result;
    const open = result.pending !== undefined ? result.pending !== null : ctx.conversation.pending !== undefined;
    if (open) return result;
    await ConversationModel.updateOne({ _id: ctx.conversation.key }, { $pull: { queuedFollowups: number } });
    let record: CaseRecord;
    try {
      record = await deps.cases.find(number);
    } catch (err) {
      if (err instanceof CaseError) return result; // the case is gone: nothing to ask about
      throw err;
    }
    const question = deps.phrases.render('followup_question', { number, result: record.result ?? '' });
    return { ...result, reply: textReply(...result.reply.parts, question), pending: SATISFACTION_STATE, pendingData: { caseNumber: number, asks: 1 } };
  };
}

async function reopen(deps: FlowDeps, number: string, text: string): Promise<void> {
  try {
    const record = await deps.cases.reopen(number, 'villager', text);
    deps.caseEvents.emit('updated', record, { action: 'reopen', actor: 'villager', note: text });
  } catch (err) {
    // already reopened (a second answer) or not closable: the rating is recorded all the same
    if (!(err instanceof CaseError)) throw err;
    deps.logger.warn({ err, caseNumber: number }, 'case could not be reopened after 不满意');
  }
}

/** `pending:satisfaction`: records the rating; 不满意 reopens the case and offers a 视频约谈. */
export function satisfactionHandler(deps: FlowDeps): IntentHandler {
  return async (ctx) => {
    const p = deps.phrases;
    const data = ctx.conversation.pendingData as { caseNumber?: unknown; asks?: unknown } | undefined;
    const number = typeof data?.caseNumber === 'string' ? data.caseNumber : undefined;
    if (!number) return { reply: textReply(p.render('followup_dropped')), pending: null };
    const asks = typeof data?.asks === 'number' ? data.asks : 1;
    const reply = deps.replies.read(ctx.text, asks >= CHOICES_AT ? [...RATINGS.map((r) => p.render(`followup_choice_${r}`)), p.render('followup_choice_person')] : []);
    if (reply.kind === 'person' || (reply.kind === 'choose' && reply.index === PERSON_INDEX)) {
      return handoffNow(deps, ctx, p.render('followup_person_about', { number }));
    }
    if (reply.kind === 'cancel') return { reply: textReply(p.render('followup_dropped')), pending: null };
    const rating = reply.kind === 'choose' ? RATINGS[reply.index] : ratingOf(ctx.text, p.words);
    if (!rating) {
      if (asks >= MAX_ASKS) return { reply: textReply(p.render('followup_dropped')), pending: null };
      const key = asks + 1 >= CHOICES_AT + 1 ? 'followup_choices' : 'followup_ask_again';
      return { reply: textReply(p.render(key, { number })), pending: SATISFACTION_STATE, pendingData: { caseNumber: number, asks: asks + 1 } };
    }
    const { channel, userId } = ctx.message;
    await SatisfactionModel.create({ caseNumber: number, channel, userId, rating, text: maskPersonalData(ctx.text), at: new Date() });
    if (rating !== 'unsatisfied') return { reply: textReply(p.render('followup_thanks')), pending: null };
    await reopen(deps, number, ctx.text);
    return offerReply(deps, await deps.interviews.offer(number), 'followup_reopened', number);
  };
}
