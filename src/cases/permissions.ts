import { findStaff, isOnLeave, type StaffRecord } from '../staff/index.js';
import type { CaseRecord } from './case.model.js';
import { ConflictOfInterestError, NotPermittedError } from './errors.js';
import { nextStatus, TRANSITIONS, type CaseAction, type CaseStatus } from './transitions.js';

/**
 * Checks that `action` is legal from the case's status and that `staffId` may do it.
 * Returns the status after the action and the acting staff member.
 */
export async function authorize(c: CaseRecord, action: CaseAction, staffId: string, at: Date): Promise<{ to: CaseStatus; staff: StaffRecord }> {
  const to = nextStatus(c.number, c.status, action);
  const staff = await findStaff(staffId);
  if (!staff) throw new NotPermittedError(c.number, action, 'unknown_staff');
  if (c.conflictStaffIds.includes(staffId)) throw new ConflictOfInterestError(c.number, staffId);
  const rule = TRANSITIONS[action].actor;
  const officeLeader = staff.roles.includes('leader') && staff.officeCode === c.officeCode;
  if (rule === 'holder' && staffId !== c.holderId && !officeLeader && !(await substitutesForHolder(c, staffId, at))) {
    throw new NotPermittedError(c.number, action, 'not_holder');
  }
  if (rule === 'officeMember' && staff.officeCode !== c.officeCode && staffId !== c.holderId && !(await substitutesForHolder(c, staffId, at))) {
    throw new NotPermittedError(c.number, action, 'not_in_office');
  }
  if (rule === 'leader') {
    if (!staff.roles.includes('leader')) throw new NotPermittedError(c.number, action, 'not_leader');
    if (staffId === c.holderId) throw new NotPermittedError(c.number, action, 'self_approval');
  }
  return { to, staff };
}

/** 同岗替代: the holder is on leave and this member is the designated substitute. */
async function substitutesForHolder(c: CaseRecord, staffId: string, at: Date): Promise<boolean> {
  if (!c.holderId) return false;
  const holder = await findStaff(c.holderId);
  return !!holder && isOnLeave(holder, at) && holder.leave?.substituteStaffId === staffId;
}
