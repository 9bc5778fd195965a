import { isDuplicateKey } from '../core/db-errors.js';
import mongoose from 'mongoose';

/**
 * Claim-once keys. A unique _id insert is the one write every MongoDB-wire server we run makes atomic:
 * measured on the embedded FerretDB (SQLite backend), concurrent findOneAndUpdate / conditional updateOne
 * calls on the same document both "win", so they cannot be used as locks or once-only flags.
 */
const claimSchema = new mongoose.Schema({ _id: { type: String, required: true }, at: { type: Date, required: true } });
export const Claim = mongoose.model('CaseClaim', claimSchema);

export { isDuplicateKey };

/** True for the one caller that inserted `key` first; false for everyone after. */
export async function claimOnce(key: string, at = new Date()): Promise<boolean> {
  try {
    await Claim.collection.insertOne({ _id: key as never, at });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/** Removes a claim that was taken at `at` (a stale lock left by a crashed writer). */
export async function dropClaim(key: string, at: Date): Promise<void> {
  await Claim.collection.deleteOne({ _id: key as never, at });
}

export async function claimInfo(key: string): Promise<{ at: Date } | null> {
  return Claim.collection.findOne<{ at: Date }>({ _id: key as never });
}
