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
  await ConversationModel.updateOne(
    { key: conv.key },
    conv.pending
      ? { $set: { pending: conv.pending, pendingData: conv.pendingData ?? null, lastService: conv.lastService, lastIntent: conv.lastIntent } }
      : { $set: { lastService: conv.lastService, lastIntent: conv.lastIntent }, $unset: { pending: 1, pendingData: 1 } },
  );
}
