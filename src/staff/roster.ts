import { Office, Staff, type OfficeRecord, type StaffRecord } from './staff.model.js';

/** Whether the member is on leave at the instant `at` (inclusive at both ends). */
export function isOnLeave(member: Pick<StaffRecord, 'leave'>, at: Date): boolean {
  const leave = member.leave;
  return !!leave && leave.from.getTime() <= at.getTime() && at.getTime() <= leave.to.getTime();
}

export interface DutyOptions {
  /** staff who must not be chosen (e.g. a member the complaint names: conflict of interest) */
  exclude?: readonly string[];
}

export async function findStaff(staffId: string): Promise<StaffRecord | null> {
  return Staff.findOne({ staffId }).lean<StaffRecord>();
}

export async function findStaffByChatHandle(chatHandle: string): Promise<StaffRecord | null> {
  return Staff.findOne({ chatHandle }).lean<StaffRecord>();
}

/** The member whose pinned chat-platform contact id is `chatId` (never matches an empty id). */
export async function findStaffByChatId(chatId: string): Promise<StaffRecord | null> {
  return chatId ? Staff.findOne({ chatId }).lean<StaffRecord>() : null;
}

/** The member with this 企业微信 userid (never matches an empty id). */
export async function findStaffByWecomUserId(userId: string): Promise<StaffRecord | null> {
  return userId ? Staff.findOne({ wecomUserId: userId }).lean<StaffRecord>() : null;
}

/**
 * Pins `chatId` to a member who has none yet (trust on first use). Returns false when the member already
 * has an id (perhaps pinned a moment ago by someone else) or `chatId` is empty; an existing pin is never replaced.
 */
export async function pinChatId(staffId: string, chatId: string): Promise<boolean> {
  if (!chatId) return false;
  const res = await Staff.updateOne(
    { staffId, $or: [{ chatId: '' }, { chatId: null }, { chatId: { $exists: false } }] },
    { $set: { chatId } },
  );
  return res.modifiedCount === 1;
}

export async function findOffice(code: string): Promise<OfficeRecord | null> {
  return Office.findOne({ code }).lean<OfficeRecord>();
}

export async function officeMembers(officeCode: string): Promise<StaffRecord[]> {
  return Staff.find({ officeCode }).sort({ staffId: 1 }).lean<StaffRecord[]>();
}

/** All staff, for scanning a complaint's text for names. */
export async function allStaff(): Promise<StaffRecord[]> {
  return Staff.find().sort({ staffId: 1 }).lean<StaffRecord[]>();
}

const MAX_SUBSTITUTE_HOPS = 5;

/**
 * Who actually works for `member` at `at`: the member, or while on leave the designated
 * substitute (同岗替代), following a chain of substitutes who are themselves away.
 * Null when nobody in the chain is available or allowed.
 */
export async function actingFor(member: StaffRecord, at: Date, exclude: ReadonlySet<string>): Promise<StaffRecord | null> {
  let current: StaffRecord | null = member;
  for (let hop = 0; current && hop <= MAX_SUBSTITUTE_HOPS; hop++) {
    if (exclude.has(current.staffId)) return null;
    if (!isOnLeave(current, at)) return current;
    const next: string | undefined = current.leave?.substituteStaffId;
    current = next ? await findStaff(next) : null;
  }
  return null;
}

/**
 * The member who handles new work for an office at `at`: the first on-duty member (by staffId), or,
 * while that member is on leave, the designated substitute (同岗替代); then the next on-duty member;
 * finally the office leader (or the leader's substitute). Excluded staff are never returned.
 * Null when nobody is available.
 */
export async function onDutyMember(officeCode: string, at: Date, opts: DutyOptions = {}): Promise<StaffRecord | null> {
  const exclude = new Set(opts.exclude ?? []);
  const members = (await officeMembers(officeCode)).filter((m) => m.onDuty && !exclude.has(m.staffId));
  for (const m of members) {
    const acting = await actingFor(m, at, exclude);
    if (acting) return acting;
  }
  return officeLeader(officeCode, at, opts);
}

/** The office leader, or the leader's substitute while on leave; null if none or excluded. */
export async function officeLeader(officeCode: string, at: Date, opts: DutyOptions = {}): Promise<StaffRecord | null> {
  const office = await findOffice(officeCode);
  if (!office?.leaderStaffId) return null;
  const leader = await findStaff(office.leaderStaffId);
  return leader ? actingFor(leader, at, new Set(opts.exclude ?? [])) : null;
}
