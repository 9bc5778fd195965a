import { isDuplicateKey } from '../core/db-errors.js';
import mongoose, { Schema } from 'mongoose';
import { OutboxMessageModel, type OutboxRecord } from './outbox.model.js';

/**
 * Claiming a message for sending. On the embedded FerretDB (SQLite backend) two concurrent
 * findOneAndUpdate calls on one document can both "win" (see src/cases/claims.ts), so the claim
 * itself is a unique insert of `<messageId>:<claimGen>`, the one write every MongoDB-wire server
 * makes atomic. The winner then moves the message to 'sending' and bumps claimGen, so the next
 * claim (a retry, or a takeover after the claim lapsed) uses a fresh key.
 *
 * Every read and write of one message goes by `_id` alone: FerretDB 1.24's SQLite backend filters
 * anything else in Go over the whole collection (about a second at a few thousand rows on a busy
 * machine), so the conditions are checked on the document read back by `_id`.
 */
const claimSchema = new Schema({ _id: { type: String, required: true }, at: { type: Date, required: true } }, { collection: 'outbox_claims', versionKey: false });
export const OutboxClaimModel = mongoose.model('OutboxClaim', claimSchema);

const CLAIM_KEEP_MS = 24 * 60 * 60_000;
/** open messages read per scan; a backlog larger than this drains over several scans */
const SCAN_LIMIT = 1000;

/** An open message as the scan read it. */
export type Candidate = OutboxRecord;

/** One recipient's queue: messages to the same villager (or group) go out one after the other, in order. */
export const laneOf = (m: Pick<OutboxRecord, 'channel' | 'userId' | 'groupId'>): string => `${m.channel}:${m.groupId ?? ''}:${m.userId}`;

/** Due: pending and its time has come, or 'sending' under a claim that lapsed (its holder died). */
export function isDue(m: Pick<OutboxRecord, 'status' | 'nextAttemptAt' | 'claimUntil'>, now: number): boolean {
  if (m.status === 'pending') return m.nextAttemptAt.getTime() <= now;
  return m.status === 'sending' && (m.claimUntil?.getTime() ?? 0) <= now;
}

const byCreation = (a: Candidate, b: Candidate): number =>
  a.createdAt.getTime() - b.createdAt.getTime() || String(a._id).localeCompare(String(b._id));

/**
 * The messages that may be sent now, at most one per lane: each lane's oldest open message, when
 * it is due. A lane whose oldest message is being sent (here or by another instance) or waits for a
 * retry is skipped, so a villager's messages never overtake each other. `busy` lanes are in flight here.
 */
export async function dueCandidates(now: number, busy: ReadonlySet<string>): Promise<Candidate[]> {
  // FerretDB decodes whole documents to filter them anyway: read them whole, once per round
  const [pending, sending] = await Promise.all([
    OutboxMessageModel.find({ status: 'pending' }).sort({ createdAt: 1 }).limit(SCAN_LIMIT).lean<Candidate[]>(),
    OutboxMessageModel.find({ status: 'sending' }).sort({ createdAt: 1 }).limit(SCAN_LIMIT).lean<Candidate[]>(),
  ]);
  const seen = new Set<string>();
  const due: Candidate[] = [];
  for (const m of [...pending, ...sending].sort(byCreation)) {
    const lane = laneOf(m);
    if (seen.has(lane)) continue;
    seen.add(lane);
    if (!busy.has(lane) && isDue(m, now)) due.push(m);
  }
  return due;
}

async function claimOnce(key: string, at: Date): Promise<boolean> {
  try {
    await OutboxClaimModel.collection.insertOne({ _id: key as never, at });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/** Claims the candidate for `holder`; null when another instance has it or it is no longer due. */
export async function claim(c: Candidate, holder: string, now: number, claimMs: number): Promise<OutboxRecord | null> {
  const gen = c.claimGen ?? 0;
  if (!(await claimOnce(`${String(c._id)}:${gen}`, new Date(now)))) return null; // another instance has it
  // a pending message changes only under a claim on its generation, which we now hold; a lapsed
  // 'sending' one is read back: its slow holder may have finished since the scan
  const current = c.status === 'pending' ? c : await OutboxMessageModel.findById(c._id).lean<OutboxRecord>();
  if (!current || (current.claimGen ?? 0) !== gen || !isDue(current, now)) return null;
  const taken = { status: 'sending' as const, claimedBy: holder, claimUntil: new Date(now + claimMs), claimGen: gen + 1 };
  await OutboxMessageModel.updateOne({ _id: c._id }, { $set: taken });
  return { ...current, ...taken };
}

/** Drops claim keys old enough that their messages have long moved on. */
export async function sweepClaims(now: number): Promise<void> {
  await OutboxClaimModel.deleteMany({ at: { $lt: new Date(now - CLAIM_KEEP_MS) } });
}
