import { isDuplicateKey } from '../core/db-errors.js';
import type { WorkingCalendar } from '../calendar/index.js';
import type { CaseService } from '../cases/index.js';
import type { CaseEvents } from '../cases/events.js';
import { textReply, type ChannelId } from '../core/message.js';
import type { Deliverer } from '../features.js';
import { findStaff, officeLeader, type StaffRecord } from '../staff/index.js';
import { InterviewModel, type InterviewRecord } from './interview.model.js';
import { claimKeys, claimOf, claimStep } from './claims.js';
import { claimSlot, releaseSlot, takenSlots } from './slot-claims.js';
import { nextSlots } from './slots.js';

export const OFFERED_SLOTS = 3;
/** 000 §2: the appointment may be changed once, to a time no more than one week from the original. */
export const MAX_RESCHEDULES = 1;
export const RESCHEDULE_WINDOW_DAYS = 7;
const DAY_MS = 86_400_000;
/** the villager is reminded once, within this long before the slot */
const REMIND_BEFORE_MS = DAY_MS;
/** the office whose leader holds the interview when the case's own leader may not (named in the complaint) */
const FALLBACK_OFFICE = 'jiwei';

export interface InterviewDeps {
  calendar: WorkingCalendar;
  cases: CaseService;
  caseEvents: CaseEvents;
  deliverer: Deliverer;
  /** the reminder the villager reads (words come from the templates) */
  reminderText: (interview: InterviewRecord, leader: StaffRecord | null) => string;
  now?: () => Date;
}

export type RescheduleOutcome =
  | { kind: 'offered'; interview: InterviewRecord }
  | { kind: 'refused'; reason: 'already_rescheduled' | 'not_booked' | 'no_slots'; interview: InterviewRecord | null };

/**
 * `taken`: another case booked that slot with the leader a moment earlier. `interview` carries fresh slots
 * (status unchanged, `slotsOffered` empty when the leader has none left) to offer the villager again.
 */
export type BookOutcome =
  | { kind: 'booked'; interview: InterviewRecord }
  | { kind: 'taken'; slot: Date; interview: InterviewRecord };

/** Records written before these fields existed have neither: the filter then leaves them out. */
const sameRound = (iv: InterviewRecord) => (iv.round === undefined ? {} : { round: iv.round });
const sameDropped = (iv: InterviewRecord) => (iv.droppedChanges === undefined ? {} : { droppedChanges: iv.droppedChanges });

function ignoreDuplicate(err: unknown): void {
  // a concurrent offer inserted the interview first: its slots are the same (same leader, same day)
  if (!isDuplicateKey(err)) throw err;
}

/** Thrown when a slot number does not name an offered slot. */
export class InvalidSlotError extends Error {
  override name = 'InvalidSlotError';
}

/** Thrown by `book` when the chosen slot was just booked by another case; `interview` holds the fresh offer. */
export class SlotTakenError extends InvalidSlotError {
  override name = 'SlotTakenError';
  constructor(readonly slot: Date, readonly interview: InterviewRecord) {
    super(`slot ${slot.toISOString()} of ${interview.leaderStaffId} was just booked by another case`);
  }
}

/** 视频约谈: offer slots with the responsible leader, book one, change it once within a week, remind, record the outcome. */
export class InterviewService {
  private readonly now: () => Date;

  constructor(private readonly deps: InterviewDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  find(caseNumber: string): Promise<InterviewRecord | null> {
    return InterviewModel.findOne({ caseNumber }).lean<InterviewRecord>();
  }

  /** The villager's most recent interview, if any. */
  latestFor(channel: string, userId: string): Promise<InterviewRecord | null> {
    return InterviewModel.findOne({ channel, userId }).sort({ updatedAt: -1 }).lean<InterviewRecord>();
  }

  async leaderFor(officeCode: string, conflicts: readonly string[]): Promise<StaffRecord | null> {
    const at = this.now();
    return (await officeLeader(officeCode, at, { exclude: conflicts })) ?? officeLeader(FALLBACK_OFFICE, at, { exclude: conflicts });
  }

  /** Offers three slots for the case (an interview already booked is returned as it is). */
  async offer(caseNumber: string): Promise<InterviewRecord | null> {
    const existing = await this.find(caseNumber);
    if (existing && (existing.status === 'booked' || existing.status === 'rescheduling')) return existing;
    const c = await this.deps.cases.find(caseNumber);
    const leader = await this.leaderFor(c.officeCode, c.conflictStaffIds);
    if (!leader) return null;
    const exclude = await takenSlots(leader.staffId, this.now());
    const slots = nextSlots({ calendar: this.deps.calendar, leader, after: this.now(), exclude, count: OFFERED_SLOTS });
    // an open offer keeps its round; a new offer after a held (or cancelled) interview starts the next one
    const round = !existing ? 0 : (existing.round ?? 0) + (existing.status === 'offered' ? 0 : 1);
    const fields = {
      channel: c.complainant.channel, userId: c.complainant.userId, officeCode: c.officeCode, leaderStaffId: leader.staffId,
      slotsOffered: slots, bookedAt: null, originalAt: null, reschedules: 0, status: 'offered', outcome: null, heldAt: null, remindersSent: [],
      round, droppedChanges: 0,
    };
    if (existing) await InterviewModel.updateOne({ caseNumber, status: existing.status }, { $set: fields });
    else await InterviewModel.create({ caseNumber, ...fields }).catch(ignoreDuplicate);
    return this.find(caseNumber);
  }

  /**
   * Books slot `choice` (1-based) of those offered; a booking while rescheduling counts as the one change.
   * Once only: a double submit (or a second bot instance) gets the booking the first one made.
   * Throws SlotTakenError when another case booked the slot first (see `bookSlot` for the typed result).
   */
  async book(caseNumber: string, choice: number): Promise<InterviewRecord> {
    const outcome = await this.bookSlot(caseNumber, choice);
    if (outcome.kind === 'taken') throw new SlotTakenError(outcome.slot, outcome.interview);
    return outcome.interview;
  }

  /**
   * `book` with the lost race as a result: the leader's slot is claimed first (one case per slot), then the
   * case's booking (one booking per change). A losing double submit frees the slot it claimed.
   */
  async bookSlot(caseNumber: string, choice: number): Promise<BookOutcome> {
    const iv = await this.find(caseNumber);
    if (iv?.status === 'booked') return { kind: 'booked', interview: iv }; // the first of a double submit booked it already
    if (!iv || (iv.status !== 'offered' && iv.status !== 'rescheduling')) throw new InvalidSlotError(`no open offer for ${caseNumber}`);
    const slot = iv.slotsOffered[choice - 1];
    if (!slot) throw new InvalidSlotError(`slot ${choice} was not offered for ${caseNumber}`);
    const change = iv.status === 'rescheduling' ? iv.reschedules + 1 : 0;
    const key = claimKeys.booking(caseNumber, iv.round ?? 0, change);
    const hold = (await claimOf(key)) ? 'ours' : await claimSlot(iv.leaderStaffId, slot, caseNumber);
    if (hold === 'taken' && !(await claimOf(key))) return this.slotTaken(iv, slot);
    const won = await claimStep(key, { slot });
    const chosen = won ? slot : (await claimOf(key))?.slot;
    if (!chosen) throw new Error(`booking claim ${key} holds no slot`);
    if (hold === 'won' && chosen.getTime() !== slot.getTime()) await releaseSlot(iv.leaderStaffId, slot, caseNumber);
    // the winner's decision, written by whoever gets here (the same values either way)
    await InterviewModel.updateOne(
      { caseNumber, status: iv.status, ...sameRound(iv) },
      { $set: { bookedAt: chosen, status: 'booked', slotsOffered: [], reschedules: change, ...(change === 0 ? { originalAt: chosen } : {}) } },
    );
    const booked = await this.find(caseNumber);
    if (!booked) throw new Error(`interview ${caseNumber} vanished`);
    if (won && change > 0 && iv.bookedAt) await releaseSlot(iv.leaderStaffId, iv.bookedAt, caseNumber); // the old time is free again
    if (won) await this.tellStaff(caseNumber, change > 0 ? 'interview_rescheduled' : 'interview_booked', chosen.toISOString());
    return { kind: 'booked', interview: booked };
  }

  /** The slot went to another case: offer fresh ones (within the change window while rescheduling). */
  private async slotTaken(iv: InterviewRecord, slot: Date): Promise<BookOutcome> {
    const leader = await findStaff(iv.leaderStaffId);
    const after = this.now();
    const exclude = [...(await takenSlots(iv.leaderStaffId, after)), slot, ...(iv.bookedAt ? [iv.bookedAt] : [])];
    const notAfter = iv.status === 'rescheduling' && iv.originalAt ? new Date(iv.originalAt.getTime() + RESCHEDULE_WINDOW_DAYS * DAY_MS) : undefined;
    const slots = leader ? nextSlots({ calendar: this.deps.calendar, leader, after, notAfter, exclude, count: OFFERED_SLOTS }) : [];
    await InterviewModel.updateOne({ caseNumber: iv.caseNumber, status: iv.status, ...sameRound(iv) }, { $set: { slotsOffered: slots } });
    const now = await this.find(iv.caseNumber);
    if (now?.status === 'booked') return { kind: 'booked', interview: now }; // a double submit of this case booked meanwhile
    return { kind: 'taken', slot, interview: now ?? { ...iv, slotsOffered: slots } };
  }

  /** Cancels an offered or booked interview; a booked slot is given back to the leader's calendar. */
  async cancel(caseNumber: string): Promise<InterviewRecord | null> {
    const iv = await this.find(caseNumber);
    if (!iv || iv.status === 'held' || iv.status === 'cancelled') return iv;
    await InterviewModel.updateOne({ caseNumber, status: iv.status, ...sameRound(iv) }, { $set: { status: 'cancelled', slotsOffered: [] } });
    if (iv.bookedAt) await releaseSlot(iv.leaderStaffId, iv.bookedAt, caseNumber);
    return this.find(caseNumber);
  }

  /** The one allowed change: slots after now, within a week of the original, never the booked one. */
  async requestReschedule(caseNumber: string): Promise<RescheduleOutcome> {
    const iv = await this.find(caseNumber);
    if (iv?.status === 'rescheduling' && iv.slotsOffered.length > 0) return { kind: 'offered', interview: iv }; // a concurrent request opened it
    if (!iv?.bookedAt || !iv.originalAt || iv.status !== 'booked') return { kind: 'refused', reason: 'not_booked', interview: iv };
    if (iv.reschedules >= MAX_RESCHEDULES) return { kind: 'refused', reason: 'already_rescheduled', interview: iv };
    const leader = await findStaff(iv.leaderStaffId);
    if (!leader) return { kind: 'refused', reason: 'no_slots', interview: iv };
    const notAfter = new Date(iv.originalAt.getTime() + RESCHEDULE_WINDOW_DAYS * DAY_MS);
    const exclude = [iv.bookedAt, ...(await takenSlots(leader.staffId, this.now()))];
    const slots = nextSlots({ calendar: this.deps.calendar, leader, after: this.now(), notAfter, exclude, count: OFFERED_SLOTS });
    if (!slots.length) return { kind: 'refused', reason: 'no_slots', interview: iv };
    const key = claimKeys.reschedule(caseNumber, iv.round ?? 0, iv.droppedChanges ?? 0);
    const offered = (await claimStep(key, { slots })) ? slots : ((await claimOf(key))?.slots ?? slots);
    await InterviewModel.updateOne(
      { caseNumber, status: 'booked', reschedules: iv.reschedules, ...sameRound(iv), ...sameDropped(iv) },
      { $set: { status: 'rescheduling', slotsOffered: offered } },
    );
    const updated = await this.find(caseNumber);
    return updated ? { kind: 'offered', interview: updated } : { kind: 'refused', reason: 'not_booked', interview: null };
  }

  /** The villager dropped a change request: the booked slot stands (a later request may still be made). */
  async keepBooking(caseNumber: string): Promise<void> {
    const iv = await this.find(caseNumber);
    if (iv?.status !== 'rescheduling') return;
    const droppedChanges = (iv.droppedChanges ?? 0) + 1;
    await InterviewModel.updateOne({ caseNumber, status: 'rescheduling', ...sameDropped(iv) }, { $set: { status: 'booked', slotsOffered: [], droppedChanges } });
  }

  /** Staff record what was said and agreed (约谈记录存档). */
  async recordOutcome(caseNumber: string, text: string, staffId = 'staff'): Promise<InterviewRecord> {
    const res = await InterviewModel.updateOne({ caseNumber }, { $set: { status: 'held', outcome: text.trim(), heldAt: this.now() } });
    if (res.matchedCount === 0) throw new InvalidSlotError(`no interview for ${caseNumber}`);
    await this.tellStaff(caseNumber, 'interview_held', text.trim(), staffId);
    const held = await this.find(caseNumber);
    if (!held) throw new Error(`interview ${caseNumber} vanished`);
    return held;
  }

  /**
   * Reminds both sides of interviews starting within a day; each booked slot is reminded once, across
   * bot instances (a claim per slot). At most once: a crash between claim and send loses that reminder.
   */
  async sendDueReminders(now: Date = this.now()): Promise<number> {
    const due = await InterviewModel.find({ status: 'booked', bookedAt: { $gt: now, $lte: new Date(now.getTime() + REMIND_BEFORE_MS) } }).lean<InterviewRecord[]>();
    let sent = 0;
    for (const iv of due) {
      const slot = iv.bookedAt;
      if (!slot || iv.remindersSent.some((r) => new Date(r.slot).getTime() === slot.getTime())) continue;
      if (!(await claimStep(claimKeys.reminder(iv.caseNumber, iv.round ?? 0, slot), { slot }))) continue; // another instance sends it
      await InterviewModel.updateOne({ caseNumber: iv.caseNumber }, { $push: { remindersSent: { slot, at: now } } });
      const leader = await findStaff(iv.leaderStaffId);
      await this.deps.deliverer.deliver({ channel: iv.channel as ChannelId, userId: iv.userId }, textReply(this.deps.reminderText(iv, leader)), { caseNumber: iv.caseNumber, reason: 'interview_reminder' });
      await this.tellStaff(iv.caseNumber, 'interview_reminder', slot.toISOString());
      sent++;
    }
    return sent;
  }

  /** The staff room tells the leader (it listens for case updates). */
  private async tellStaff(caseNumber: string, action: string, note: string, actor = 'villager'): Promise<void> {
    const record = await this.deps.cases.find(caseNumber);
    this.deps.caseEvents.emit('updated', record, { action, actor, note });
  }
}
