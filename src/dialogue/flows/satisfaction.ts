import type { CaseRecord } from '../../cases/index.js';
import { CaseError } from '../../cases/index.js';
import { ConversationModel, conversationKey } from '../../conversations/conversation.model.js';
import { textReply, type ChannelId } from '../../core/message.js';
import { maskPersonalData } from '../../nlu/index.js';
import type { IntentHandler } from '../types.js';
import { formatDate, type FlowDeps } from './deps.js';
import { offerReply } from './interview.js';
import { hasAny, type CueWords } from './phrases.js';
import { SatisfactionModel, type SatisfactionRating } from './satisfaction.model.js';

export const SATISFACTION_STATE = 'satisfaction';
/** after this many unreadable answers the question is dropped so the villager is not stuck */
const MAX_ASKS = 2;

/** 不满意 is checked before 满意 (it contains it), 基本满意 before 满意. */
export function ratingOf(text: string, w: CueWords): SatisfactionRating | undefined {
  if (hasAny(text, w.unsatisfied)) return 'unsatisfied';
  if (hasAny(text, w.partly)) return 'partly';
  if (hasAny(text, w.satisfied)) return 'satisfied';
  return undefined;
}

/** 回访: when a case is closed, the villager is asked whether they are satisfied. */
export async function askSatisfaction(deps: FlowDeps, record: CaseRecord): Promise<void> {
  const { channel, userId } = record.complainant;
  if (channel === 'visit' || channel === 'phone') return; // desk and phone cases are followed up by staff
  const key = conversationKey(channel, userId);
  const now = new Date();
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
    const rating = ratingOf(ctx.text, p.words);
    if (!rating) {
      const asks = typeof data?.asks === 'number' ? data.asks : 1;
      if (asks >= MAX_ASKS) return { reply: textReply(p.render('followup_dropped')), pending: null };
      return { reply: textReply(p.render('followup_ask_again')), pending: SATISFACTION_STATE, pendingData: { caseNumber: number, asks: asks + 1 } };
    }
    const { channel, userId } = ctx.message;
    await SatisfactionModel.create({ caseNumber: number, channel, userId, rating, text: maskPersonalData(ctx.text), at: new Date() });
    if (rating !== 'unsatisfied') return { reply: textReply(p.render('followup_thanks')), pending: null };
    await reopen(deps, number, ctx.text);
    return offerReply(deps, await deps.interviews.offer(number), 'followup_reopened', number);
  };
}
