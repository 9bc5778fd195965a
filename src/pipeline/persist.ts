import { isDuplicateKey } from '../core/db-errors.js';
import { ConversationModel } from '../conversations/conversation.model.js';
import { TurnRecordModel, turnId } from '../conversations/turn-record.model.js';
import type { TurnState } from './types.js';

/** The fields with a value (the driver would store an undefined one as null). */
function definedOnly(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

/** Stores the reply, the classification and the trace with the turn, and the conversation's new state. */
export async function persistTurn(state: TurnState, status: 'answered' | 'failed', error?: string): Promise<void> {
  const m = state.message;
  const c = state.classification;
  // the driver's updates (see dedupe.ts): the values are already in the schema's types
  const set = definedOnly({
    status, replyParts: state.reply?.parts ?? [], repliedAt: new Date(), trace: state.trace,
    intent: c?.intent, service: c?.service, confidence: c?.confidence, error,
  });
  await TurnRecordModel.collection.updateOne({ _id: turnId(m.channel, m.messageId) as never }, { $set: set });
  const conv = state.conversation;
  if (!conv) return;
  const convSet = definedOnly({
    lastService: conv.lastService, lastIntent: conv.lastIntent, lastSeenAt: state.receivedAt, loop: conv.loop,
    lastMessageAt: m.kind === 'event' ? undefined : state.receivedAt,
  });
  const created = { key: conv.key, channel: m.channel, userId: m.userId, firstSeenAt: state.receivedAt };
  // pending is written only when this turn changed it, so a state set meanwhile by someone else
  // (the 回访 question after a case closed) is not overwritten by a turn that did not touch it
  let update: object = { $set: convSet, $setOnInsert: created, $inc: { turns: 1 } };
  if (conv.pendingChanged && conv.pending) update = { $set: { ...convSet, pending: conv.pending, pendingData: conv.pendingData ?? null }, $setOnInsert: created, $inc: { turns: 1 } };
  else if (conv.pendingChanged) update = { $set: convSet, $setOnInsert: created, $inc: { turns: 1 }, $unset: { pending: 1, pendingData: 1 } };
  const write = () => ConversationModel.collection.updateOne({ _id: conv.key as never }, update, { upsert: true });
  // two first messages at once: one upsert inserts, the other hits the unique key and retries as an update
  await write().catch((err: unknown) => {
    if (isDuplicateKey(err)) return write();
    throw err;
  });
}
