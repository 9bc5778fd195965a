import { isDuplicateKey } from '../core/db-errors.js';
import mongoose, { Schema } from 'mongoose';

/**
 * Once-only steps of an interview (booking, the one change, each reminder). On the embedded FerretDB
 * (SQLite backend) two concurrent conditional updates on one document can both "win" (src/cases/claims.ts),
 * so each step is claimed by a unique `_id` insert; E11000 means another caller (or bot instance) has it.
 * The claim carries the winner's decision (the slot booked, the slots offered) so a loser can answer
 * with the same result and re-apply it: the follow-up write sets the same values, whoever makes it.
 */
const claimSchema = new Schema(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    slot: { type: Date, default: null },
    slots: { type: [Date], default: [] },
    /** slot claims only (`slot:<leader>:<ISO>`): whose booking holds the leader's slot */
    leaderStaffId: { type: String },
    caseNumber: { type: String },
  },
  { collection: 'interview_claims', versionKey: false },
);
claimSchema.index({ leaderStaffId: 1, slot: 1 });
export const InterviewClaimModel = mongoose.model('InterviewClaim', claimSchema);

export interface InterviewClaim {
  at: Date;
  slot: Date | null;
  slots: Date[];
}

/** True for the one caller that inserted `key` first; false for everyone after. */
export async function claimStep(key: string, decision: Partial<Pick<InterviewClaim, 'slot' | 'slots'>>, at = new Date()): Promise<boolean> {
  try {
    await InterviewClaimModel.collection.insertOne({ _id: key as never, at, slot: decision.slot ?? null, slots: decision.slots ?? [] });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/** The decision stored with a claim (null if nobody claimed `key`). */
export function claimOf(key: string): Promise<InterviewClaim | null> {
  return InterviewClaimModel.collection.findOne<InterviewClaim>({ _id: key as never });
}

/** Claim keys: per case, per offer round (a new offer after an interview was held starts a new round). */
export const claimKeys = {
  booking: (caseNumber: string, round: number, change: number) => `${caseNumber}:${round}:book:${change}`,
  reschedule: (caseNumber: string, round: number, attempt: number) => `${caseNumber}:${round}:reschedule:${attempt}`,
  /** a leader's slot, held by the one case that booked it (released on a change or a cancellation) */
  slot: (leaderStaffId: string, slot: Date) => `slot:${leaderStaffId}:${slot.toISOString()}`,
  reminder: (caseNumber: string, round: number, slot: Date) => `${caseNumber}:${round}:remind:${slot.toISOString()}`,
};
