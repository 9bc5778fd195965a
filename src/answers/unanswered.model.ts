import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { maskText as maskCaseText } from '../cases/index.js';
import { maskPersonalData } from '../nlu/index.js';

/**
 * Questions the bot could not answer itself (issue 11), for the report's backlog (群众咨询梳理分析, 000 §7):
 * `no_fact` — the service's rules on file do not cover the question; `fallback` — not understood;
 * `redirect` — a matter another unit handles (首问: the unit was named). The statistics read this collection
 * by this name and shape. The text is masked before it is stored.
 */
export const UNANSWERED_REASONS = ['no_fact', 'fallback', 'redirect'] as const;
export type UnansweredReason = (typeof UNANSWERED_REASONS)[number];

const unansweredSchema = new Schema(
  {
    at: { type: Date, required: true, index: true },
    channel: { type: String, required: true },
    service: { type: String },
    intent: { type: String },
    textMasked: { type: String, required: true },
    reason: { type: String, enum: UNANSWERED_REASONS, required: true },
  },
  { collection: 'unanswered_questions', versionKey: false },
);

export type UnansweredQuestion = InferSchemaType<typeof unansweredSchema>;
export const UnansweredQuestionModel = mongoose.model('UnansweredQuestion', unansweredSchema);

/** Stores one unanswered question, its text masked as in logs (phones, ID numbers, names after 我叫, bank cards). */
export async function recordUnanswered(q: { channel: string; text: string; reason: UnansweredReason; service?: string; intent?: string; at?: Date }): Promise<void> {
  await UnansweredQuestionModel.create({
    at: q.at ?? new Date(), channel: q.channel, reason: q.reason, textMasked: maskCaseText(maskPersonalData(q.text)),
    ...(q.service ? { service: q.service } : {}), ...(q.intent ? { intent: q.intent } : {}),
  });
}
