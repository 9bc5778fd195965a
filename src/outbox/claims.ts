import { isDuplicateKey } from '../core/db-errors.js';
import mongoose, { Schema } from 'mongoose';
import { OutboxMessageModel, type OutboxRecord } from './outbox.model.js';

/**
 * Claiming a message for sending. On the embedded FerretDB (SQLite backend) two concurrent
 * findOneAndUpdate calls on one document can both "win" (see src/cases/claims.ts), so the claim
 * itself is a unique insert of `<messageId>:<claimGen>`, the one write every MongoDB-wire server
 * makes atomic. The winner then moves the message to 'sending' and bumps claimGen, so the next
 * claim (a retry, or a takeover after the claim lapsed) uses a fresh key.
 */
const claimSchema = new Schema({ _id: { type: String, required: true }, at: { type: Date, required: true } }, { collection: 'outbox_claims', versionKey: false });
export const OutboxClaimModel = mongoose.model('OutboxClaim', claimSchema);

const CLAIM_KEEP_MS = 24 * 60 * 60_000;
const CANDIDATES = 20;


async function claimOnce(key: string, at: Date): Promise<boolean> {
  try {
    await OutboxClaimModel.collection.insertOne({ _id: key as never, at });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/** Due: pending and its time has come, or 'sending' under a claim that lapsed (its holder died). */
function dueFilter(t: Date): Record<string, unknown> {
  return { $or: [{ status: 'pending', nextAttemptAt: { $lte: t } }, { status: 'sending', claimUntil: { $lte: t } }] };
}

/** Claims the oldest due message for `holder`; null when nothing is due (or others took it all). */
export async function claimDue(holder: string, now: number, claimMs: number): Promise<OutboxRecord | null> {
  const t = new Date(now);
  const candidates = await OutboxMessageModel.find(dueFilter(t), { _id: 1, claimGen: 1 })
    .sort({ nextAttemptAt: 1, _id: 1 })
    .limit(CANDIDATES)
    .lean();
  for (const c of candidates) {
    const gen = c.claimGen ?? 0;
    if (!(await claimOnce(`${String(c._id)}:${gen}`, t))) continue; // another instance has it
    const claimed = await OutboxMessageModel.findOneAndUpdate(
      { _id: c._id, claimGen: gen, ...dueFilter(t) },
      { $set: { status: 'sending', claimedBy: holder, claimUntil: new Date(now + claimMs), claimGen: gen + 1 } },
      { returnDocument: 'after' },
    ).lean<OutboxRecord>();
    if (claimed) return claimed;
  }
  return null;
}

/** Drops claim keys old enough that their messages have long moved on. */
export async function sweepClaims(now: number): Promise<void> {
  await OutboxClaimModel.deleteMany({ at: { $lt: new Date(now - CLAIM_KEEP_MS) } });
}
