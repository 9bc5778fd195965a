import { isDuplicateKey } from '../core/db-errors.js';
import mongoose, { Schema } from 'mongoose';

/**
 * A turn whose process died mid-way stays `processing`; the next delivery of that message may take it
 * over once. The claim is an insert under a unique key (conditional updates are not atomic on FerretDB).
 */
const takeoverSchema = new Schema(
  { key: { type: String, required: true, unique: true }, at: { type: Date, required: true } },
  { collection: 'turn_takeovers', versionKey: false },
);

export const TurnTakeoverModel = mongoose.model('TurnTakeover', takeoverSchema);

/** True when this caller won the right to process the stale turn again (`by`: a replay's own key). */
export async function claimTakeover(channel: string, messageId: string, by?: string): Promise<boolean> {
  try {
    await TurnTakeoverModel.create({ key: by ? `${channel}:${messageId}:${by}` : `${channel}:${messageId}`, at: new Date() });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}
