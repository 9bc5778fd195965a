import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/**
 * A message pushed to a web chat visitor (staff reply, 回访 question, interview reminder) and held
 * until the visitor's page polls for it. `userId` is the visitor's random cookie id.
 */
const webInboxSchema = new Schema(
  {
    userId: { type: String, required: true },
    parts: { type: [String], required: true },
    createdAt: { type: Date, required: true },
    /** set when a poll handed the message to the page */
    deliveredAt: { type: Date },
  },
  { collection: 'web_inbox', versionKey: false },
);
webInboxSchema.index({ userId: 1, deliveredAt: 1, createdAt: 1 });

export type WebInboxRecord = InferSchemaType<typeof webInboxSchema> & { _id: mongoose.Types.ObjectId };
export const WebInboxModel = mongoose.model('WebInboxMessage', webInboxSchema);
