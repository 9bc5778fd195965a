import { ConversationModel, conversationKey } from '../../conversations/conversation.model.js';
import type { LoopMemory } from '../../dialogue/loop-guard.js';
import type { Step } from '../types.js';

/**
 * Loads the villager's conversation on this channel (a read; the turn writes it once, at the end,
 * creating it on the first message — see persist.ts).
 */
export const identifyStep: Step = {
  name: 'identify',
  run: async (state) => {
    const m = state.message;
    const key = conversationKey(m.channel, m.userId, m.groupId);
    const doc = await ConversationModel.findOne({ _id: key }, { pending: 1, pendingData: 1, lastService: 1, lastIntent: 1, turns: 1, queuedFollowups: 1, loop: 1 }).lean();
    state.conversation = {
      key,
      pending: doc?.pending ?? undefined,
      pendingData: doc?.pendingData ?? undefined,
      lastService: doc?.lastService ?? undefined,
      lastIntent: doc?.lastIntent ?? undefined,
      turns: (doc?.turns ?? 0) + 1,
      ...(doc?.queuedFollowups?.length ? { queuedFollowups: doc.queuedFollowups } : {}),
      ...(doc?.loop ? { loop: doc.loop as LoopMemory } : {}),
    };
    return doc ? 'returning' : 'new';
  },
};
