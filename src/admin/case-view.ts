import { CLOCK_RUNNING, maskedCard, maskText, type CaseRecord } from '../cases/index.js';
import { SatisfactionModel } from '../dialogue/flows/satisfaction.model.js';
import { InterviewModel, type InterviewRecord } from '../interviews/interview.model.js';
import { allStaff, Office, type OfficeRecord, type StaffRecord } from '../staff/index.js';
import { beijingMinute } from './format.js';
import type { AdminTexts } from './texts.js';

/** The roster as the views need it: names of staff and offices. */
export interface RosterNames {
  staff: Map<string, StaffRecord>;
  offices: Map<string, string>;
}

export async function rosterNames(): Promise<RosterNames> {
  const [staff, offices] = await Promise.all([allStaff(), Office.find().lean<OfficeRecord[]>()]);
  return { staff: new Map(staff.map((s) => [s.staffId, s])), offices: new Map(offices.map((o) => [o.code, o.name])) };
}

export function isOverdue(c: CaseRecord, now: Date): boolean {
  return CLOCK_RUNNING.includes(c.status) && new Date(c.deadline.due).getTime() < now.getTime();
}

const approvedExtension = (c: CaseRecord) => c.extensions.some((e) => e.decision === 'approved');

/** One row of the case list: labels in Chinese, identity masked, absent values null. */
export function caseRow(c: CaseRecord, names: RosterNames, texts: AdminTexts, now: Date) {
  const card = maskedCard(c);
  const who = (id: string | null | undefined) => (id ? (names.staff.get(id)?.name ?? id) : null);
  return {
    number: c.number, kind: c.kind, kindLabel: texts.report.kind(c.kind), status: c.status, statusLabel: texts.status(c.status),
    service: c.service ?? null, serviceLabel: c.service ? texts.report.service(c.service) : null,
    officeCode: c.officeCode, office: texts.report.office(c.officeCode, names.offices),
    holderId: c.holderId ?? null, holder: who(c.holderId), firstResponderId: c.firstResponderId ?? null, firstResponder: who(c.firstResponderId),
    summary: card.summary, village: c.details.village || null, complainant: card.complainant,
    due: card.due, overdue: isOverdue(c, now), extended: approvedExtension(c),
    createdAt: c.createdAt, closedAt: c.closedAt ?? null,
    // a message to the villager could not be delivered: staff must phone (the number is on the logged identity view)
    needsPhoneCall: c.needsPhoneCall === true,
  };
}

export type CaseRow = ReturnType<typeof caseRow>;

function orNull(s: string | undefined | null): string | null {
  return s ? s : null;
}

async function extras(number: string, names: RosterNames, texts: AdminTexts) {
  const [rating, interview] = await Promise.all([
    SatisfactionModel.findOne({ caseNumber: number }).sort({ at: -1 }).lean<{ rating: string; at: Date }>(),
    InterviewModel.findOne({ caseNumber: number }).lean<InterviewRecord>(),
  ]);
  return {
    satisfaction: rating ? { rating: rating.rating, ratingLabel: texts.label('rating', rating.rating), at: rating.at } : null,
    interview: interview
      ? {
          status: interview.status, statusLabel: texts.label('interview', interview.status), bookedAt: interview.bookedAt, heldAt: interview.heldAt,
          leader: names.staff.get(interview.leaderStaffId)?.name ?? interview.leaderStaffId, outcome: interview.outcome ? maskText(interview.outcome) : null,
        }
      : null,
  };
}

/** Everything about one case, masked, with the whole history in words. */
export async function caseDetail(c: CaseRecord, names: RosterNames, texts: AdminTexts, now: Date) {
  const card = maskedCard(c);
  const known = [c.complainant.name];
  const mask = (s: string | null | undefined) => (s ? maskText(s, known) : null);
  const who = (id: string | null | undefined) => (id ? (names.staff.get(id)?.name ?? id) : null);
  const statusLabel = (s: string | undefined) => (s ? texts.status(s) : null);
  return {
    case: {
      ...caseRow(c, names, texts, now),
      category: c.category ?? null,
      details: { what: orNull(card.what), who: mask(c.details.who), village: orNull(card.village), when: orNull(card.when), wants: orNull(card.wants) },
      deadline: { due: c.deadline.due, dueText: beijingMinute(c.deadline.due), covered: c.deadline.covered },
      acceptedAt: c.acceptedAt ?? null,
      result: mask(c.result),
      alerts: c.alerts.map((key) => ({ key, label: texts.label('alert', key) })),
      pause: c.pause ? { pausedAt: c.pause.pausedAt, reason: mask(c.pause.reason) } : null,
    },
    history: c.history.map((h) => ({
      at: h.at, action: h.action, actionLabel: texts.action(h.action), actor: h.actor, actorName: who(h.actor) ?? h.actor,
      from: h.from ?? null, fromLabel: statusLabel(h.from), to: h.to ?? null, toLabel: statusLabel(h.to),
      note: mask(h.note), holder: who(h.holderId), office: h.officeCode ? texts.report.office(h.officeCode, names.offices) : null,
    })),
    replies: c.replies.map((r) => ({ at: r.at, staff: who(r.staffId), text: mask(r.text) })),
    extensions: c.extensions.map((e) => ({
      days: e.days, reason: mask(e.reason), requestedBy: who(e.requestedBy), requestedAt: e.requestedAt,
      decision: e.decision ?? null, decisionLabel: texts.label('decision', e.decision ?? 'pending'), decidedBy: who(e.decidedBy), decidedAt: e.decidedAt ?? null,
    })),
    rejection: c.rejection
      ? {
          reason: mask(c.rejection.reason), legalBasis: c.rejection.legalBasis, filedBy: who(c.rejection.filedBy), filedAt: c.rejection.filedAt,
          decision: c.rejection.decision ?? null, decisionLabel: texts.label('decision', c.rejection.decision ?? 'pending'),
          decidedBy: who(c.rejection.decidedBy), decidedAt: c.rejection.decidedAt ?? null,
        }
      : null,
    ...(await extras(c.number, names, texts)),
  };
}
