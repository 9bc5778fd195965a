import type { CaseRecord } from '../cases/index.js';
import { textReply, type ChannelId } from '../core/message.js';
import type { InterviewService } from '../interviews/index.js';
import type { StaffRecord } from '../staff/index.js';
import type { CommandDeps } from './commands.js';
import { claimDigest, releaseDigest } from './digest.model.js';
import { beijing, beijingDay, StaffRoomError } from './resolve.js';
import { updateClaimKey } from './updates.js';

/**
 * The leader's refusal (驳回), the disclosure clock stop (中止 / 恢复) and the 视频约谈 record (约谈记录).
 * After each of the first three the villager is told, on their own channel (003 三(四)1: whenever a
 * limit cannot be met, the person is told why; 002 第十六条(三): 中止或恢复期限,应及时通知申请人).
 */

/** What the room needs of the interview service. */
export type StaffInterviews = Pick<InterviewService, 'find' | 'recordOutcome'>;

/** Tells the case's listeners what a room command changed (the staff room ignores its own commands). */
export function emit(deps: CommandDeps, record: CaseRecord, action: string, actor: string, note?: string): void {
  deps.caseEvents.emit('updated', record, note === undefined ? { action, actor } : { action, actor, note });
}

/**
 * Sends a villager sentence from the templates; returns the room's closing words: told, or "call them"
 * (the change is recorded either way: a failed send is not a reason to undo a leader's decision).
 */
async function tellVillager(deps: CommandDeps, c: CaseRecord, key: string, vars: Record<string, string>): Promise<string> {
  const r = deps.renderer.render;
  const text = r(key, { number: c.number, ...vars });
  try {
    await deps.deliverer.deliver({ channel: c.complainant.channel as ChannelId, userId: c.complainant.userId }, textReply(text), { caseNumber: c.number });
    return r('told.delivered');
  } catch (err) {
    deps.logger.warn({ err, caseNumber: c.number, key }, 'case change could not be told to the villager');
    return r('told.undelivered');
  }
}

/** 驳回 N 理由: the pending rejection filing if there is one, else the pending extension (as 批准 decides). */
export async function refuse(number: string, me: string, reason: string, deps: CommandDeps): Promise<string> {
  const { renderer } = deps;
  const current = await deps.cases.find(number);
  if (current.status === 'rejectionFiled') {
    const c = await deps.cases.refuseRejection(number, me, reason);
    emit(deps, c, 'refuseRejection', me, reason);
    const told = await tellVillager(deps, c, 'villager.rejection_refused', { due: beijingDay(c.deadline.due) });
    const done = renderer.render('done.refuse_rejection', {
      number, note: renderer.mask(c, reason), holder: await renderer.person(c.holderId), due: beijing(c.deadline.due),
    });
    return `${done}${told}`;
  }
  const c = await deps.cases.refuseExtension(number, me);
  // the case keeps no note for a refused extension: the reason travels with the event (and the room's answer)
  emit(deps, c, 'refuseExtension', me, reason);
  const told = await tellVillager(deps, c, 'villager.extension_refused', { due: beijingDay(c.deadline.due) });
  const done = renderer.render('done.refuse_extension', {
    number, note: renderer.mask(c, reason), holder: await renderer.person(c.holderId), due: beijing(c.deadline.due),
  });
  return `${done}${told}`;
}

/** 中止 N 原因: only kinds whose rules allow a clock stop (the case service refuses the others). */
export async function pause(number: string, me: string, reason: string, deps: CommandDeps): Promise<string> {
  const c = await deps.cases.pauseClock(number, me, reason);
  const note = c.pause?.reason ?? reason.trim();
  emit(deps, c, 'pauseClock', me, note);
  const told = await tellVillager(deps, c, 'villager.paused', { reason: note });
  return `${deps.renderer.render('done.pause', { number, note: deps.renderer.mask(c, note) })}${told}`;
}

/** 恢复 N: the working days paused are given back; the villager hears the new deadline. */
export async function resume(number: string, me: string, deps: CommandDeps): Promise<string> {
  const c = await deps.cases.resumeClock(number, me);
  // the case service writes the working days it gave back as the note of its history entry
  const days = [...c.history].reverse().find((h) => h.action === 'resumeClock')?.note ?? '0';
  emit(deps, c, 'resumeClock', me, days);
  const told = await tellVillager(deps, c, 'villager.resumed', { due: beijingDay(c.deadline.due) });
  return `${deps.renderer.render('done.resume', { number, days, due: beijing(c.deadline.due) })}${told}`;
}

/** Who may archive the record: the interviewing leader, the holder, the first responder, a leader of the office. */
function mayRecord(c: CaseRecord, leaderStaffId: string, staff: StaffRecord): boolean {
  const id = staff.staffId;
  if (c.conflictStaffIds.includes(id)) return false;
  const officeLeader = staff.roles.includes('leader') && staff.officeCode === c.officeCode;
  return id === leaderStaffId || id === c.holderId || id === c.firstResponderId || officeLeader;
}

/**
 * 约谈记录 N 内容: archived with the interview (约谈要记录存档). The interview service announces it
 * ('interview_held'); the room has answered already, so its outside-change line is claimed here first.
 */
export async function recordInterview(number: string, staff: StaffRecord, text: string, deps: CommandDeps): Promise<string> {
  const c = await deps.cases.find(number);
  const iv = await deps.interviews.find(number);
  if (!iv || iv.status === 'offered' || iv.status === 'cancelled') throw new StaffRoomError('no_interview', { number });
  if (!mayRecord(c, iv.leaderStaffId, staff)) throw new StaffRoomError('interview_not_permitted', { number });
  const key = updateClaimKey(c, { action: 'interview_held', actor: staff.staffId, note: text.trim() });
  const claimed = await claimDigest(key, deps.now());
  try {
    await deps.interviews.recordOutcome(number, text, staff.staffId);
  } catch (err) {
    if (claimed) await releaseDigest(key);
    throw err;
  }
  return deps.renderer.render('done.interview_record', { number, leader: await deps.renderer.person(iv.leaderStaffId) });
}
