import { isDuplicateKey } from '../core/db-errors.js';
import { claimKeys, InterviewClaimModel } from './claims.js';
import { InterviewModel } from './interview.model.js';

/**
 * A leader's slot belongs to one case: `slot:<leaderStaffId>:<ISO time>` is claimed by a unique `_id` insert
 * (conditional updates are no lock on the embedded FerretDB). The claim names the case that holds it, so a
 * double submit of the same case finds the slot its own and a release never frees another case's slot.
 */
export type SlotHold = 'won' | 'ours' | 'taken';

export async function claimSlot(leaderStaffId: string, slot: Date, caseNumber: string, at = new Date()): Promise<SlotHold> {
  const _id = claimKeys.slot(leaderStaffId, slot);
  try {
    await InterviewClaimModel.collection.insertOne({ _id: _id as never, at, slot, slots: [], leaderStaffId, caseNumber });
    return 'won';
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  const holder = await InterviewClaimModel.collection.findOne<{ caseNumber?: string }>({ _id: _id as never });
  // a claim released between our insert and this read: the slot is free again, but say taken (a retry may win it)
  return holder?.caseNumber === caseNumber ? 'ours' : 'taken';
}

/** Frees the slot if `caseNumber` holds it (a changed or cancelled booking, or a losing double submit). */
export async function releaseSlot(leaderStaffId: string, slot: Date, caseNumber: string): Promise<void> {
  await InterviewClaimModel.collection.deleteOne({ _id: claimKeys.slot(leaderStaffId, slot) as never, caseNumber });
}

/** The leader's slots after `after` that some case holds (claims, and bookings made before slot claims existed). */
export async function takenSlots(leaderStaffId: string, after: Date): Promise<Date[]> {
  const [claims, booked] = await Promise.all([
    InterviewClaimModel.collection.find<{ slot: Date }>({ leaderStaffId, slot: { $gt: after } }).toArray(),
    InterviewModel.find({ leaderStaffId, status: { $in: ['booked', 'rescheduling'] }, bookedAt: { $gt: after } }, { bookedAt: 1 }).lean(),
  ]);
  return [...claims.map((c) => c.slot), ...booked.flatMap((b) => (b.bookedAt ? [b.bookedAt] : []))];
}
