import mongoose, { Schema, Types, type InferSchemaType } from 'mongoose';

/**
 * The state of one villager's conversation on one channel: what the bot is waiting for
 * (a satisfaction answer, the rest of a checklist, a complaint's details) and recent context.
 */
const conversationSchema = new Schema(
  {
    // the conversation key itself, so the per-turn read and write go by _id (see turn-record.model.ts)
    _id: { type: String, default: () => new Types.ObjectId().toHexString() },
    // equal to _id (kept for readers of the collection); no index of its own: every index is rewritten with each turn's update
    key: { type: String, required: true },
    channel: { type: String, required: true },
    userId: { type: String, required: true },
    pending: { type: String },
    pendingData: { type: Schema.Types.Mixed },
    lastService: { type: String },
    lastIntent: { type: String },
    turns: { type: Number, default: 0 },
    /** 回访 questions (case numbers) waiting for the flow the villager is in the middle of to end (issue 11) */
    queuedFollowups: { type: [String], default: undefined },
    /** the loop guard's memory of the last replies (src/dialogue/loop-guard.ts) */
    loop: { type: Schema.Types.Mixed },
    firstSeenAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    /** the villager's last message that was not an event: opens WeChat's 48 h customer-service window */
    lastMessageAt: { type: Date },
  },
  { collection: 'conversations', versionKey: false, minimize: false },
);

export type Conversation = InferSchemaType<typeof conversationSchema>;
export const ConversationModel = mongoose.model('Conversation', conversationSchema);

export function conversationKey(channel: string, userId: string, groupId?: string): string {
  return groupId ? `${channel}:${groupId}:${userId}` : `${channel}:${userId}`;
}
