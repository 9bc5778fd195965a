import type { CaseRecord, ExtensionEntry } from './case.model.js';
import type { CaseContext } from './context.js';
import { addPeriod, deadlineFields } from './deadlines.js';
import { InvalidCommandError } from './errors.js';
import type { CasePatch } from './mutate.js';
import type { CaseStatus } from './transitions.js';

/**
 * The decisions behind extensions (延期), rejection filings (否定报备) and clock stops (中止):
 * each takes the current case and returns the patch to write. Authorization is done by the caller.
 */

const pendingOf = (c: CaseRecord): ExtensionEntry | undefined => c.extensions.find((e) => !e.decision);

export function requestExtension(ctx: CaseContext, c: CaseRecord, staffId: string, days: number, reason: string, at: Date): CasePatch {
  const rule = ctx.rules.kinds[c.kind].extension;
  if (!rule) throw new InvalidCommandError(c.number, 'requestExtension', 'no_extension_for_kind');
  if (!reason.trim()) throw new InvalidCommandError(c.number, 'requestExtension', 'reason_required');
  if (!Number.isInteger(days) || days < 1 || days > rule.days) {
    throw new InvalidCommandError(c.number, 'requestExtension', 'extension_days', { max: rule.days });
  }
  if (pendingOf(c)) throw new InvalidCommandError(c.number, 'requestExtension', 'extension_pending');
  if (c.extensions.filter((e) => e.decision === 'approved').length >= rule.times) {
    throw new InvalidCommandError(c.number, 'requestExtension', 'extensions_used_up');
  }
  const entry: ExtensionEntry = { days, reason: reason.trim(), requestedBy: staffId, requestedAt: at };
  return {
    set: { extensions: [...c.extensions, entry] },
    history: [{ at, actor: staffId, action: 'requestExtension', note: `${days}: ${entry.reason}`, holderId: c.holderId }],
  };
}

export function decideExtension(ctx: CaseContext, c: CaseRecord, leaderId: string, approve: boolean, at: Date): CasePatch {
  const rule = ctx.rules.kinds[c.kind].extension;
  const pending = pendingOf(c);
  const action = approve ? 'approveExtension' : 'refuseExtension';
  if (!rule || !pending) throw new InvalidCommandError(c.number, action, 'no_extension_pending');
  const decided: ExtensionEntry = { ...pending, decision: approve ? 'approved' : 'refused', decidedBy: leaderId, decidedAt: at };
  const extensions = c.extensions.map((e) => (e === pending ? decided : e));
  const history = [{ at, actor: leaderId, action, note: String(pending.days), holderId: c.holderId }];
  if (!approve) return { set: { extensions }, history };
  const next = addPeriod(ctx.calendar, c.deadline.due, { days: pending.days, unit: rule.unit });
  const fields = deadlineFields(ctx.calendar, c, { due: next.due, covered: next.covered && c.deadline.covered });
  return { set: { extensions, ...fields }, history };
}

export function fileRejection(ctx: CaseContext, c: CaseRecord, staffId: string, reason: string, legalBasis: string, to: CaseStatus, at: Date): CasePatch {
  if (!reason.trim()) throw new InvalidCommandError(c.number, 'fileRejection', 'reason_required');
  if (!legalBasis.trim()) throw new InvalidCommandError(c.number, 'fileRejection', 'legal_basis_required');
  const leaderDue = addPeriod(ctx.calendar, at, ctx.rules.procedures.rejection.leaderAnswer);
  return {
    set: {
      status: to,
      rejection: { reason: reason.trim(), legalBasis: legalBasis.trim(), filedBy: staffId, filedAt: at, priorDeadline: c.deadline },
      ...deadlineFields(ctx.calendar, c, leaderDue),
    },
    history: [{ at, actor: staffId, action: 'fileRejection', from: c.status, to, note: reason.trim(), holderId: c.holderId }],
  };
}

/** Approved: the villager must be told in writing within 10 working days of filing. Refused: back to work. */
export function decideRejection(ctx: CaseContext, c: CaseRecord, leaderId: string, approve: boolean, to: CaseStatus, at: Date, note = ''): CasePatch {
  const r = c.rejection;
  if (!r) throw new Error(`case ${c.number} is rejectionFiled without a rejection record`);
  const deadline = approve ? addPeriod(ctx.calendar, r.filedAt, ctx.rules.procedures.rejection.limit) : r.priorDeadline;
  return {
    set: {
      status: to,
      rejection: { ...r, decision: approve ? 'approved' : 'refused', decidedBy: leaderId, decidedAt: at },
      ...deadlineFields(ctx.calendar, c, deadline),
    },
    history: [{ at, actor: leaderId, action: approve ? 'approveRejection' : 'refuseRejection', from: c.status, to, note, holderId: c.holderId }],
  };
}

export function pauseClock(ctx: CaseContext, c: CaseRecord, staffId: string, reason: string, to: CaseStatus, at: Date): CasePatch {
  if (!ctx.rules.kinds[c.kind].clockStop) throw new InvalidCommandError(c.number, 'pauseClock', 'no_clock_stop_for_kind');
  if (!reason.trim()) throw new InvalidCommandError(c.number, 'pauseClock', 'reason_required');
  return {
    set: { status: to, pause: { pausedAt: at, reason: reason.trim() } },
    history: [{ at, actor: staffId, action: 'pauseClock', from: c.status, to, note: reason.trim(), holderId: c.holderId }],
  };
}

/**
 * 期限恢复计算: every working day after the pause day up to and including the resume day is
 * given back, counted on from the old deadline.
 */
export function resumeClock(ctx: CaseContext, c: CaseRecord, staffId: string, to: CaseStatus, at: Date): CasePatch {
  const pausedAt = c.pause?.pausedAt ?? at;
  const lost = Math.max(0, ctx.calendar.workingDaysBetween(pausedAt, at));
  const next = ctx.calendar.addWorkingDays(c.deadline.due, lost);
  return {
    set: { status: to, pause: null, ...deadlineFields(ctx.calendar, c, { due: next.due, covered: next.covered && c.deadline.covered }) },
    history: [{ at, actor: staffId, action: 'resumeClock', from: c.status, to, note: String(lost), holderId: c.holderId }],
  };
}
