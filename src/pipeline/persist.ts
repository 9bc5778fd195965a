import { ConversationModel } from '../conversations/conversation.model.js';
import { TurnRecordModel } from '../conversations/turn-record.model.js';
import type { TurnState } from './types.js';

/** Stores the reply, the classification and the trace with the turn, and the conversation's new state. */
export async function persistTurn(state: TurnState, status: 'answered' | 'failed', error?: string): Promise<void> {
  const m = state.message;
  const c = state.classification;
  await TurnRecordModel.updateOne(
    { channel: m.channel, messageId: m.messageId },
    {
      $set: {
        status, replyParts: state.reply?.parts ?? [], repliedAt: new Date(), trace: state.trace,
        intent: c?.intent, service: c?.service, confidence: c?.confidence, error,
      },
    },
  );
  const conv = state.conversation;
  if (!conv) return;
  const context = { lastService: conv.lastService, lastIntent: conv.lastIntent };
  // pending is written only when this turn changed it, so a state set meanwhile by someone else
  // (the 回访 question after a case closed) is not overwritten by a turn that did not touch it
  let update: object = { $set: context };
  if (conv.pendingChanged && conv.pending) update = { $set: { ...context, pending: conv.pending, pendingData: conv.pendingData ?? null } };
  else if (conv.pendingChanged) update = { $set: context, $unset: { pending: 1, pendingData: 1 } };
  await ConversationModel.updateOne({ key: conv.key }, update);
}
