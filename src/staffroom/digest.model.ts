import mongoose from 'mongoose';

/**
 * Once-only staff-room posts: `_id` is 'overdue:YYYY-MM-DD' for a daily digest, 'card:<case number>' for a card. Inserting it is the claim (a unique _id insert is
 * atomic on every server we run, unlike conditional updates on the embedded FerretDB), so of several
 * running instances (or repeated events) exactly one posts it.
 */
const digestSchema = new mongoose.Schema(
  { _id: { type: String, required: true }, at: { type: Date, required: true }, count: { type: Number, default: 0 } },
  { versionKey: false },
);
export const Digest = mongoose.model('StaffRoomDigest', digestSchema);

function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/** True for the one caller that claims the key first. */
export async function claimDigest(key: string, at: Date): Promise<boolean> {
  try {
    await Digest.collection.insertOne({ _id: key as never, at, count: 0 });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/** Gives a claim back (the post failed), so the next tick tries again. */
export async function releaseDigest(key: string): Promise<void> {
  await Digest.collection.deleteOne({ _id: key as never });
}

export async function recordDigestCount(key: string, count: number): Promise<void> {
  await Digest.collection.updateOne({ _id: key as never }, { $set: { count } });
}
