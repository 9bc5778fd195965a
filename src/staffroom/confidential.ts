import { Router, type CaseRecord } from '../cases/index.js';
import type { StaffRecord } from '../staff/index.js';

/**
 * Confidentiality in the shared room (001 第四条; a complaint about staff risks retaliation): a case
 * about misconduct (routed to 纪委, or a misconduct category) or one that names staff members
 * (conflictStaffIds) shows no summary in the room.
 */
export class Confidentiality {
  constructor(private readonly router: Router) {}

  static load(templatesDir: string): Confidentiality {
    return new Confidentiality(Router.load(templatesDir));
  }

  /** 违纪、吃拿卡要、打击报复 …, or the case is with the discipline office (纪委). */
  isMisconduct(c: CaseRecord): boolean {
    return c.officeCode === this.router.disciplineOffice || this.router.isMisconduct(c.category ?? undefined);
  }

  /** The room gets a reduced card: no summary, no villager's words. */
  isConfidential(c: CaseRecord): boolean {
    return this.isMisconduct(c) || c.conflictStaffIds.length > 0;
  }

  /** The complaint names this member: 查 is refused (回避). */
  isConflicted(c: CaseRecord, staffId: string): boolean {
    return c.conflictStaffIds.includes(staffId);
  }

  /**
   * Who may read a confidential case's details (查): the holder, the first responder, 纪委's leaders,
   * and the discipline/admin roles. Conflicted members never.
   */
  mayRead(c: CaseRecord, staff: StaffRecord): boolean {
    if (this.isConflicted(c, staff.staffId)) return false;
    if (!this.isConfidential(c)) return true;
    if (staff.staffId === c.holderId || staff.staffId === c.firstResponderId) return true;
    if (staff.roles.includes('discipline') || staff.roles.includes('admin')) return true;
    return staff.roles.includes('leader') && staff.officeCode === this.router.disciplineOffice;
  }
}
