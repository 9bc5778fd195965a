import { ConversationModel, conversationKey } from '../../conversations/conversation.model.js';
import type { Step } from '../types.js';

/** Finds (or starts) the villager's conversation on this channel and loads its state. */
export const identifyStep: Step = {
  name: 'identify',
  run: async (state) => {
    const m = state.message;
    const key = conversationKey(m.channel, m.userId, m.groupId);
    const now = state.receivedAt;
    const doc = await ConversationModel.findOneAndUpdate(
      { key },
      { $setOnInsert: { key, channel: m.channel, userId: m.userId, firstSeenAt: now }, $set: { lastSeenAt: now }, $inc: { turns: 1 } },
      { upsert: true, returnDocument: 'after', lean: true },
    );
    if (!doc) throw new Error(`conversation ${key} could not be loaded`);
    state.conversation = {
      key,
      pending: doc.pending ?? undefined,
      pendingData: doc.pendingData ?? undefined,
      lastService: doc.lastService ?? undefined,
      lastIntent: doc.lastIntent ?? undefined,
      turns: doc.turns ?? 1,
    };
    return doc.turns === 1 ? 'new' : 'returning';
  },
};
