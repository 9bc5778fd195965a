import mongoose, { Schema, Types, type InferSchemaType } from 'mongoose';

/**
 * One inbound message and the bot's reply to it: what was said, by whom, on which channel,
 * and the turn's trace. Its _id is `channel:messageId` (turnId), so the primary key is what makes
 * a retried delivery (WeChat retries thrice) processed once: the second insert fails with E11000.
 * Every index here is written with each of a turn's two writes; only those a query uses are kept.
 */
const traceStepSchema = new Schema({ step: String, outcome: String, ms: Number }, { _id: false });

const turnRecordSchema = new Schema(
  {
    // `${channel}:${messageId}` for turns (turnId): FerretDB's SQLite backend answers _id lookups from
    // its primary key but scans the table for any other filter, so the per-turn reads go by _id
    _id: { type: String, default: () => new Types.ObjectId().toHexString() },
    channel: { type: String, required: true },
    messageId: { type: String, required: true },
    userId: { type: String, required: true },
    groupId: { type: String },
    conversationKey: { type: String, required: true },
    kind: { type: String, required: true },
    text: { type: String, default: '' },
    maskedText: { type: String, default: '' },
    event: { name: String, key: String },
    sentAt: { type: Date, required: true },
    receivedAt: { type: Date, required: true },
    status: { type: String, enum: ['processing', 'answered', 'failed'], required: true },
    intent: { type: String },
    service: { type: String },
    confidence: { type: Number },
    replyParts: { type: [String], default: [] },
    repliedAt: { type: Date },
    trace: { type: [traceStepSchema], default: [] },
    error: { type: String },
  },
  { collection: 'turns', versionKey: false },
);
turnRecordSchema.index({ receivedAt: 1 });
// the outbox reads a user's last message to know WeChat's 48-hour window
turnRecordSchema.index({ channel: 1, userId: 1, receivedAt: -1 });

export type TurnRecord = InferSchemaType<typeof turnRecordSchema>;

/** The _id of a turn: one per platform message. */
export const turnId = (channel: string, messageId: string): string => `${channel}:${messageId}`;
export const TurnRecordModel = mongoose.model('TurnRecord', turnRecordSchema);
