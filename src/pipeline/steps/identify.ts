import { ConversationModel, conversationKey } from '../../conversations/conversation.model.js';
import type { Step } from '../types.js';

/** Finds (or starts) the villager's conversation on this channel and loads its state. */
export const identifyStep: Step = {
  name: 'identify',
  run: async (state) => {
    const m = state.message;
    const key = conversationKey(m.channel, m.userId, m.groupId);
    const now = state.receivedAt;
    const upsert = () => ConversationModel.findOneAndUpdate(
      { key },
      { $setOnInsert: { key, channel: m.channel, userId: m.userId, firstSeenAt: now }, $set: { lastSeenAt: now }, $inc: { turns: 1 } },
      { upsert: true, returnDocument: 'after', lean: true },
    );
    // two first messages at once: one upsert inserts, the other hits the unique key and retries as an update
    const doc = await upsert().catch((err: unknown) => {
      if ((err as { code?: unknown }).code === 11000) return upsert();
      throw err;
    });
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
