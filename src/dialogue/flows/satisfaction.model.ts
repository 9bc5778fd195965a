import mongoose from 'mongoose';

export type SatisfactionRating = 'satisfied' | 'partly' | 'unsatisfied';

/** A villager's answer to the 回访 question after a case was closed (statistics: 000 §7 满意度). */
export interface SatisfactionRecord {
  caseNumber: string;
  channel: string;
  userId: string;
  rating: SatisfactionRating;
  /** the reply as typed (masked: it is statistics data) */
  text: string;
  at: Date;
}

const schema = new mongoose.Schema(
  {
    caseNumber: { type: String, required: true, index: true },
    channel: { type: String, required: true },
    userId: { type: String, required: true },
    rating: { type: String, enum: ['satisfied', 'partly', 'unsatisfied'], required: true },
    text: { type: String, default: '' },
    at: { type: Date, required: true },
  },
  { collection: 'satisfaction', versionKey: false },
);
schema.index({ channel: 1, userId: 1, at: -1 });
schema.index({ at: 1 }); // the month report's range

export const SatisfactionModel = mongoose.model('Satisfaction', schema);
