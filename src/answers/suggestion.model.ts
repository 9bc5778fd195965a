import { isDuplicateKey } from '../core/db-errors.js';
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/**
 * A villager's suggestion (建议), kept for the township to consider and count (000 §7 群众咨询梳理分析).
 * Only the masked text is stored. `sourceMessageId` (channel:messageId) is unique, so a redelivered
 * message stores one suggestion.
 */
const suggestionSchema = new Schema(
  {
    channel: { type: String, required: true },
    userId: { type: String, required: true },
    maskedText: { type: String, required: true },
    service: { type: String },
    createdAt: { type: Date, required: true, default: () => new Date() },
    sourceMessageId: { type: String },
  },
  { collection: 'suggestions', versionKey: false },
);
suggestionSchema.index({ sourceMessageId: 1 }, { unique: true, sparse: true });
suggestionSchema.index({ createdAt: -1 });

export type Suggestion = InferSchemaType<typeof suggestionSchema>;
export const SuggestionModel = mongoose.model('Suggestion', suggestionSchema);

export interface NewSuggestion {
  channel: string;
  userId: string;
  maskedText: string;
  service?: string;
  sourceMessageId: string;
}

/** Stores a suggestion once per source message; `created` is false when that message was stored before. */
export async function recordSuggestion(s: NewSuggestion, now = new Date()): Promise<{ created: boolean }> {
  try {
    await SuggestionModel.create({ ...s, createdAt: now });
    return { created: true };
  } catch (err) {
    // a redelivery of the same message hits the unique sourceMessageId: the first one is already stored
    if (isDuplicateKey(err)) return { created: false };
    throw err;
  }
}
