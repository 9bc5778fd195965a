import { textReply, type Reply } from '../../core/message.js';
import { conversationKey } from '../../conversations/conversation.model.js';
import { TurnRecordModel } from '../../conversations/turn-record.model.js';
import type { Step, TurnState } from '../types.js';

const DUPLICATE_KEY = 11000;
const POLL_MS = 100;

function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === DUPLICATE_KEY;
}

/** Waits for the first delivery of a message to be answered, until the turn's deadline. */
async function awaitOriginalReply(state: TurnState): Promise<Reply | undefined> {
  const { channel, messageId } = state.message;
  for (;;) {
    const original = await TurnRecordModel.findOne({ channel, messageId }, { status: 1, replyParts: 1 }).lean();
    if (original && original.status !== 'processing') return textReply(...(original.replyParts ?? []));
    if (Date.now() + POLL_MS >= state.deadlineAt) return undefined;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/**
 * Claims the message by inserting its record; the unique index on (channel, messageId) lets
 * exactly one delivery through. A retry gets the first delivery's reply, once it exists.
 */
export const dedupeStep: Step = {
  name: 'dedupe',
  run: async (state) => {
    const m = state.message;
    try {
      await TurnRecordModel.create({
        channel: m.channel, messageId: m.messageId, userId: m.userId, groupId: m.groupId,
        conversationKey: conversationKey(m.channel, m.userId, m.groupId),
        kind: m.kind, text: m.text, maskedText: state.maskedText, event: m.event,
        sentAt: m.sentAt, receivedAt: state.receivedAt, status: 'processing',
      });
      return 'first';
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    state.duplicateReply = (await awaitOriginalReply(state)) ?? textReply();
    return { stop: state.duplicateReply.parts.length ? 'duplicate' : 'duplicate-pending' };
  },
};
