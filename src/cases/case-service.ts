import type { WorkingCalendar } from '../calendar/index.js';
import { findOffice } from '../staff/index.js';
import * as approvals from './approvals.js';
import { placeCase } from './assignment.js';
import { loadCaseRules, type CaseRules } from './case-kinds.js';
import { CaseModel, type CaseRecord } from './case.model.js';
import type { CaseContext } from './context.js';
import { createCase, type CreateCaseInput } from './create-case.js';
import { addPeriod, deadlineFields } from './deadlines.js';
import { InvalidCommandError, NoOneOnDutyError } from './errors.js';
import { maskText } from './mask.js';
import { loadCase, mutateCase, type CasePatch } from './mutate.js';
import { authorize } from './permissions.js';
import { claimDueReminders, claimOverdue } from './reminders.js';
import { Router } from './routing.js';
import { nextStatus, TRANSITIONS, type CaseAction, type CaseStatus } from './transitions.js';

/**
 * Complaints and requests as cases: registration, assignment, transfer, answers, deadlines,
 * approvals, reminders. Every command checks the status table and who may do it, then records
 * who held the case at every moment in its history.
 */
export class CaseService {
  private readonly ctx: CaseContext;

  constructor(calendar: WorkingCalendar, rules: CaseRules, router: Router, now: () => Date = () => new Date()) {
    this.ctx = { calendar, rules, router, now };
  }

  /** Builds the service from templates/cases/kinds.yml and routing.yml. */
  static load(calendar: WorkingCalendar, templatesDir: string, now?: () => Date): CaseService {
    return new CaseService(calendar, loadCaseRules(templatesDir), Router.load(templatesDir), now);
  }

  createCase(input: CreateCaseInput): Promise<CaseRecord> {
    return createCase(this.ctx, input);
  }

  find(number: string): Promise<CaseRecord> {
    return loadCase(number);
  }

  /** A villager's cases, newest first. */
  listForUser(channel: string, userId: string): Promise<CaseRecord[]> {
    return CaseModel.find({ 'complainant.channel': channel, 'complainant.userId': userId }).sort({ createdAt: -1 }).lean<CaseRecord[]>();
  }

  /**
   * The villager corrects the name or phone they gave (更正联系方式), right after registering: the complainant's
   * contact changes, the history says so (without the values: they stay confidential), nothing else moves.
   */
  updateContact(number: string, contact: { name?: string; phone?: string; anonymous?: boolean }, actor: string): Promise<CaseRecord> {
    return mutateCase(number, (c) => ({
      // 匿名 afterwards: the name goes (and the phone, unless given with it)
      set: {
        complainant: contact.anonymous
          ? { channel: c.complainant.channel, userId: c.complainant.userId, ...(contact.phone ? { phone: contact.phone } : {}), anonymous: !contact.phone }
          : { ...c.complainant, ...contact, anonymous: false },
      },
      history: [{ at: this.ctx.now(), actor, action: 'contact', from: c.status, to: c.status }],
    }));
  }

  /**
   * The villager asks to withdraw what they reported (撤回): the request and its words go on the record and the holder
   * is told; the status does not move — the holder checks with the villager and closes the case with the result.
   */
  requestWithdrawal(number: string, actor: string, words: string): Promise<CaseRecord> {
    return mutateCase(number, (c) => ({
      set: {},
      history: [{ at: this.ctx.now(), actor, action: 'withdraw_request', note: maskText(words.trim(), [c.complainant.name]).slice(0, 200), from: c.status, to: c.status, holderId: c.holderId }],
    }));
  }

  /** The villager takes the withdrawal back ("还是继续办吧"): recorded for the holder; nothing else changes. */
  cancelWithdrawal(number: string, actor: string): Promise<CaseRecord> {
    return mutateCase(number, (c) => ({
      set: {},
      history: [{ at: this.ctx.now(), actor, action: 'withdraw_cancel', from: c.status, to: c.status, holderId: c.holderId }],
    }));
  }

  /** 认领: an office member takes the case and becomes its holder; for 信访 this is acceptance (受理). */
  take(number: string, staffId: string): Promise<CaseRecord> {
    return this.command(number, 'take', staffId, (c, to, at) => {
      const rules = this.ctx.rules.kinds[c.kind];
      const accepting = rules.limit.from === 'accepted' && !c.acceptedAt;
      return {
        set: {
          status: to, holderId: staffId, firstResponderId: c.firstResponderId ?? staffId,
          ...(accepting ? { acceptedAt: at, ...deadlineFields(this.ctx.calendar, c, addPeriod(this.ctx.calendar, at, rules.limit)) } : {}),
        },
        history: [{ at, actor: staffId, action: 'take', from: c.status, to, holderId: staffId, officeCode: c.officeCode }],
      };
    });
  }

  /** 转办: to the on-duty member of another office. The first responder stays accountable. */
  transfer(number: string, staffId: string, toOfficeCode: string, reason: string): Promise<CaseRecord> {
    return this.command(number, 'transfer', staffId, async (c, to, at) => {
      if (!reason.trim()) throw new InvalidCommandError(number, 'transfer', 'reason_required');
      if (toOfficeCode === c.officeCode) throw new InvalidCommandError(number, 'transfer', 'same_office');
      if (!(await findOffice(toOfficeCode))) throw new InvalidCommandError(number, 'transfer', 'unknown_office', { office: toOfficeCode });
      const placed = await placeCase(toOfficeCode, at, c.conflictStaffIds, this.ctx.router);
      const holder = placed.holder ?? null;
      if (!holder || placed.officeCode !== toOfficeCode) throw new NoOneOnDutyError(toOfficeCode);
      const rules = this.ctx.rules.kinds[c.kind];
      const restart = rules.limit.from === 'assigned' ? deadlineFields(this.ctx.calendar, c, addPeriod(this.ctx.calendar, at, rules.limit)) : {};
      return {
        set: { status: to, officeCode: toOfficeCode, holderId: holder.staffId, ...restart },
        history: [{ at, actor: staffId, action: 'transfer', from: c.status, to, note: reason.trim(), holderId: holder.staffId, officeCode: toOfficeCode }],
      };
    });
  }

  reply(number: string, staffId: string, text: string): Promise<CaseRecord> {
    return this.command(number, 'reply', staffId, (c, to, at) => {
      if (!text.trim()) throw new InvalidCommandError(number, 'reply', 'text_required');
      return {
        set: { status: to, replies: [...c.replies, { at, staffId, text: text.trim() }] },
        history: [{ at, actor: staffId, action: 'reply', from: c.status, to, holderId: c.holderId }],
      };
    });
  }

  close(number: string, staffId: string, result: string): Promise<CaseRecord> {
    return this.command(number, 'close', staffId, (c, to, at) => {
      if (!result.trim()) throw new InvalidCommandError(number, 'close', 'result_required');
      return {
        set: { status: to, result: result.trim(), closedAt: at },
        history: [{ at, actor: staffId, action: 'close', from: c.status, to, note: result.trim(), holderId: c.holderId }],
      };
    });
  }

  /** The villager is not satisfied (or an admin reopens): the case runs again with a fresh limit. */
  reopen(number: string, actor: string, reason: string): Promise<CaseRecord> {
    return this.command(number, 'reopen', actor, (c, to, at) => ({
      set: { status: to, closedAt: null, ...deadlineFields(this.ctx.calendar, c, addPeriod(this.ctx.calendar, at, this.ctx.rules.kinds[c.kind].limit)) },
      history: [{ at, actor, action: 'reopen', from: c.status, to, note: reason, holderId: c.holderId }],
    }));
  }

  requestExtension(number: string, staffId: string, days: number, reason: string): Promise<CaseRecord> {
    return this.command(number, 'requestExtension', staffId, (c, _to, at) => approvals.requestExtension(this.ctx, c, staffId, days, reason, at));
  }

  approveExtension(number: string, leaderId: string): Promise<CaseRecord> {
    return this.command(number, 'approveExtension', leaderId, (c, _to, at) => approvals.decideExtension(this.ctx, c, leaderId, true, at));
  }

  refuseExtension(number: string, leaderId: string): Promise<CaseRecord> {
    return this.command(number, 'refuseExtension', leaderId, (c, _to, at) => approvals.decideExtension(this.ctx, c, leaderId, false, at));
  }

  fileRejection(number: string, staffId: string, reason: string, legalBasis: string): Promise<CaseRecord> {
    return this.command(number, 'fileRejection', staffId, (c, to, at) => approvals.fileRejection(this.ctx, c, staffId, reason, legalBasis, to, at));
  }

  approveRejection(number: string, leaderId: string, note = ''): Promise<CaseRecord> {
    return this.command(number, 'approveRejection', leaderId, (c, to, at) => approvals.decideRejection(this.ctx, c, leaderId, true, to, at, note));
  }

  refuseRejection(number: string, leaderId: string, note = ''): Promise<CaseRecord> {
    return this.command(number, 'refuseRejection', leaderId, (c, to, at) => approvals.decideRejection(this.ctx, c, leaderId, false, to, at, note));
  }

  /** 中止 (disclosure only): the clock stops; the applicant must be told. */
  pauseClock(number: string, staffId: string, reason: string): Promise<CaseRecord> {
    return this.command(number, 'pauseClock', staffId, (c, to, at) => approvals.pauseClock(this.ctx, c, staffId, reason, to, at));
  }

  resumeClock(number: string, staffId: string): Promise<CaseRecord> {
    return this.command(number, 'resumeClock', staffId, (c, to, at) => approvals.resumeClock(this.ctx, c, staffId, to, at));
  }

  /** Cases whose deadline is the next working day or sooner, each handed to exactly one caller. */
  dueForReminder(now: Date = this.ctx.now()): Promise<CaseRecord[]> {
    return claimDueReminders(now);
  }

  /** Cases past their deadline, each handed to exactly one caller, for escalation to the leader. */
  overdue(now: Date = this.ctx.now()): Promise<CaseRecord[]> {
    return claimOverdue(now);
  }

  /**
   * No channel can reach the villager any more (WeChat's 48 h, QQ's reply windows): staff must phone.
   * Setting a flag to true is idempotent, so no claim is needed. Null when there is no such case.
   */
  markNeedsPhoneCall(number: string): Promise<CaseRecord | null> {
    return CaseModel.findOneAndUpdate({ number }, { $set: { needsPhoneCall: true } }, { returnDocument: 'after' }).lean<CaseRecord>();
  }

  /** Cases an admin must look at: deadlines computed without holiday data, or nobody to hold them. */
  needingAttention(): Promise<CaseRecord[]> {
    return CaseModel.find({ alerts: { $in: ['deadline_uncovered', 'no_holder'] }, status: { $ne: 'closed' } }).lean<CaseRecord[]>();
  }

  private command(
    number: string, action: CaseAction, actor: string,
    decide: (c: CaseRecord, to: CaseStatus, at: Date) => CasePatch | Promise<CasePatch>,
  ): Promise<CaseRecord> {
    return mutateCase(number, async (c) => {
      const at = this.ctx.now();
      // 'anyone' actions (reopen, by the villager through the bot) check only the status
      const to = TRANSITIONS[action].actor === 'anyone' ? nextStatus(c.number, c.status, action) : (await authorize(c, action, actor, at)).to;
      return decide(c, to, at);
    });
  }
}
