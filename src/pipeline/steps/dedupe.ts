import { isDuplicateKey } from '../../core/db-errors.js';
import { textReply, type Reply } from '../../core/message.js';
import { conversationKey } from '../../conversations/conversation.model.js';
import { TurnRecordModel, turnId } from '../../conversations/turn-record.model.js';
import { claimTakeover } from '../../conversations/turn-takeover.model.js';
import type { Step, TurnState } from '../types.js';

const POLL_MS = 100;

/** A message without what a stored turn requires: nothing is stored, the villager is asked to send it again. */
export class InvalidTurnError extends Error {
  override name = 'InvalidTurnError';
}
/** a turn still `processing` after this long belongs to a process that died (turns finish in seconds) */
export const STALE_TURN_MS = 60_000;


/**
 * Waits for the first delivery of a message to be answered, until the turn's deadline. Returns
 * 'takeover' when the first delivery's process died (stale `processing`) and this one may redo it.
 */
async function awaitOriginalReply(state: TurnState): Promise<Reply | 'takeover' | undefined> {
  const { channel, messageId } = state.message;
  for (;;) {
    const original = await TurnRecordModel.findOne({ _id: turnId(channel, messageId) }, { status: 1, replyParts: 1, receivedAt: 1 }).lean();
    if (original && original.status !== 'processing') return textReply(...(original.replyParts ?? []));
    // a replayed spooled message: its first attempt failed on the database and nobody else runs it
    if (original && state.takeoverKey && (await claimTakeover(channel, messageId, state.takeoverKey))) return 'takeover';
    const stale = original && Date.now() - original.receivedAt.getTime() > STALE_TURN_MS;
    if (stale && (await claimTakeover(channel, messageId))) return 'takeover';
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
      // what the schema requires, checked here because the driver's insert below does not validate
      if (!m.channel || !m.messageId || !m.userId || !m.kind) throw new InvalidTurnError(`a turn needs channel, messageId, userId and kind (got messageId "${m.messageId}")`);
      // the driver's insert, not Model.create: the document is built here in the schema's shape (defaults included),
      // and a turn is the hottest write there is (mongoose's document machinery was a tenth of a turn's CPU)
      await TurnRecordModel.collection.insertOne({
        _id: turnId(m.channel, m.messageId) as never,
        channel: m.channel, messageId: m.messageId, userId: m.userId, ...(m.groupId ? { groupId: m.groupId } : {}),
        conversationKey: conversationKey(m.channel, m.userId, m.groupId),
        kind: m.kind, text: m.text ?? '', maskedText: state.maskedText ?? '',
        ...(m.event ? { event: { name: m.event.name, ...(m.event.key !== undefined ? { key: m.event.key } : {}) } } : {}),
        sentAt: m.sentAt, receivedAt: state.receivedAt, status: 'processing', replyParts: [], trace: [],
      });
      return 'first';
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const original = await awaitOriginalReply(state);
    if (original === 'takeover') return 'takeover';
    state.duplicateReply = original ?? textReply();
    return { stop: state.duplicateReply.parts.length ? 'duplicate' : 'duplicate-pending' };
  },
};
