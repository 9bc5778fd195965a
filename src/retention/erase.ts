import { createHash } from 'node:crypto';
import { CaseModel } from '../cases/case.model.js';
import { maskName, maskPhone } from '../cases/mask.js';
import { ConversationModel } from '../conversations/conversation.model.js';
import { TurnRecordModel } from '../conversations/turn-record.model.js';
import { forgetDaysOf } from '../reports/day-rollup.js';
import { maskCaseText } from './expire.js';
import { RetentionAuditModel } from './retention.model.js';

/** A stable stand-in for a villager's platform id once their data is erased: cases stay countable, not traceable. */
export function pseudonym(channel: string, userId: string): string {
  return `erased:${createHash('sha256').update(`${channel}:${userId}`).digest('hex').slice(0, 16)}`;
}

export type EraseReason = 'villager_request' | 'unsubscribe';

export interface EraseCounts { turns: number; conversations: number; cases: number }

/**
 * Erases a villager's conversation data (issue 13, finding 8): the text of every turn and the
 * bot's replies, the conversation state, and on each of their cases the identity (platform id,
 * name, phone) and the personal data in the summary and details. The case records themselves stay
 * (the township must account for them). One audit row records it.
 */
export async function eraseVillager(channel: string, userId: string, reason: EraseReason, maskText: (t: string) => string, now = new Date()): Promise<EraseCounts> {
  const subject = pseudonym(channel, userId);
  // the days' stored counts hold their masked questions: counted again, without them, when asked
  await forgetDaysOf((await TurnRecordModel.find({ channel, userId }, { receivedAt: 1 }).lean()).map((t) => t.receivedAt));
  const turns = await TurnRecordModel.updateMany(
    { channel, userId },
    { $set: { text: '', maskedText: '', replyParts: [], userId: subject } },
  );
  const conversations = await ConversationModel.deleteMany({ channel, userId });
  const cases = await CaseModel.find({ 'complainant.channel': channel, 'complainant.userId': userId }).lean();
  for (const c of cases) {
    const complainant = { ...c.complainant, userId: subject, name: c.complainant.name ? maskName(c.complainant.name) : undefined, phone: c.complainant.phone ? maskPhone(c.complainant.phone) : undefined };
    await CaseModel.collection.updateOne(
      { _id: c._id },
      { $set: { complainant, ...maskCaseText(c, maskText), identityErasedAt: now }, $inc: { version: 1 } },
    );
  }
  const counts = { turns: turns.modifiedCount, conversations: conversations.deletedCount, cases: cases.length };
  await RetentionAuditModel.create({ at: now, action: 'erase', reason, channel, subject, counts });
  return counts;
}
