import { ConversationModel, conversationKey, type Conversation } from '../../conversations/conversation.model.js';
import type { LoopMemory } from '../../dialogue/loop-guard.js';
import type { Step } from '../types.js';

/**
 * Loads the villager's conversation on this channel (a read; the turn writes it once, at the end,
 * creating it on the first message — see persist.ts).
 */
/** the conversation fields a turn reads */
const STATE_FIELDS = { pending: 1, pendingData: 1, lastService: 1, lastIntent: 1, turns: 1, queuedFollowups: 1, loop: 1 };
type StoredState = Partial<Pick<Conversation, 'pending' | 'pendingData' | 'lastService' | 'lastIntent' | 'turns' | 'queuedFollowups' | 'loop'>>;

export const identifyStep: Step = {
  name: 'identify',
  run: async (state) => {
    const m = state.message;
    const key = conversationKey(m.channel, m.userId, m.groupId);
    // the driver's read (as the turn's other writes, see dedupe.ts): mongoose's query machinery was a visible
    // share of a turn's CPU under load, and a projection of plain fields needs no casting
    const doc = await ConversationModel.collection.findOne<StoredState>({ _id: key as never }, { projection: STATE_FIELDS });
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
