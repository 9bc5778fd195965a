import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/**
 * One message waiting to be pushed to a villager outside a passive reply: late answers,
 * staff replies relayed to villagers, case notifications, 回访 (follow-up) questions.
 * A worker claims it (status 'sending' + claimedBy/claimUntil) before sending, so two
 * instances never send it twice; `partsSent` records progress so a retry resumes after the
 * last part that went out instead of repeating the whole message.
 */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'undeliverable'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

const outboxSchema = new Schema(
  {
    channel: { type: String, required: true },
    userId: { type: String, required: true },
    groupId: { type: String },
    parts: { type: [String], required: true },
    partsSent: { type: Number, default: 0 },
    meta: {
      caseNumber: { type: String },
      reason: { type: String },
    },
    status: { type: String, enum: OUTBOX_STATUSES, required: true, default: 'pending' },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    lastError: { type: String },
    /** why it could not be delivered: window, quota, no-sender, attempts */
    undeliverableReason: { type: String },
    /** bumped on every claim; the claim key is `<_id>:<claimGen>` (see claims.ts) */
    claimGen: { type: Number, default: 0 },
    claimedBy: { type: String },
    claimUntil: { type: Date },
    /** when the last part went out (counts against WeChat's per-window quota) */
    lastSentAt: { type: Date },
    sentAt: { type: Date },
    /** the same logical message is never enqueued twice (e.g. `case:T20260301-0001:accepted`) */
    dedupeKey: { type: String },
    createdAt: { type: Date, required: true },
  },
  { collection: 'outbox', versionKey: false },
);
outboxSchema.index({ dedupeKey: 1 }, { unique: true, sparse: true });
outboxSchema.index({ status: 1, nextAttemptAt: 1 });
outboxSchema.index({ channel: 1, userId: 1, lastSentAt: 1 });

export type OutboxRecord = InferSchemaType<typeof outboxSchema> & { _id: mongoose.Types.ObjectId };
export const OutboxMessageModel = mongoose.model('OutboxMessage', outboxSchema);
