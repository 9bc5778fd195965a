import { InterviewModel } from '../interviews/interview.model.js';
import { shiftDay } from '../calendar/day-key.js';
import { breakdown, caseTotals, loadPeriodCases, type BreakdownRow, type CaseCounts, type CaseRow, type Drill } from './case-breakdown.js';
import { caseFigures } from './cases.js';
import { comparisonPeriod, periodName, type Period } from './period.js';
import { satisfactionFigures } from './satisfaction.js';
import { Tally } from './tally.js';
import type { ReportTexts } from './texts.js';
import { turnFigures } from './turns.js';
import { groupQuestions, unansweredIn } from './unanswered.js';
import type { Attention, CountRow, SatisfactionStats } from './types.js';

/** A breakdown row with the previous period's count and the case-list filter behind it (null for messages). */
export interface StatRow extends CountRow {
  previous?: number;
  drill: Drill | null;
}

export interface PeriodInfo {
  key: string;
  kind: 'month' | 'quarter' | 'days';
  label: string;
  from: string;
  to: string;
  days: number;
}

export interface StatisticsOptions {
  period: Period;
  now: Date;
  texts: ReportTexts;
  /** office code → name (the roster's) */
  offices: ReadonlyMap<string, string>;
  /** staffId → { name, officeCode } */
  staff: ReadonlyMap<string, { name: string; officeCode: string }>;
}

export function periodInfo(p: Period, texts: ReportTexts): PeriodInfo {
  const name = periodName(p);
  const base = { from: p.from, to: p.to, days: p.days };
  if (!name) return { key: `${p.from}_${p.to}`, kind: 'days', label: texts.render('period_days', { from: p.from, to: p.to }), ...base };
  const [year, rest] = name.key.split('-') as [string, string];
  const label = name.kind === 'month'
    ? texts.render('period_month', { year, month: Number(rest) })
    : texts.render('period_quarter', { year, quarter: rest.slice(1) });
  return { key: name.key, kind: name.kind, label, ...base };
}

function rows(t: Tally, label: (k: string) => string, previous?: Tally, drill?: (k: string) => Drill | null): StatRow[] {
  return t.rows(label).map((r) => ({ ...r, ...(previous ? { previous: previous.get(r.key) } : {}), drill: drill ? drill(r.key) : null }));
}

function everyDay(p: Period): string[] {
  return Array.from({ length: p.days }, (_, i) => shiftDay(p.from, i));
}

function rate(s: SatisfactionStats): number | null {
  return s.total === 0 ? null : Math.round(((s.satisfied + s.partly) / s.total) * 1000) / 1000;
}

function caseDimensions(cases: CaseRow[], p: Period, texts: ReportTexts) {
  const opened = cases.filter((c) => c.createdAt.getTime() >= p.start.getTime() && c.createdAt.getTime() <= p.end.getTime());
  const kinds = new Tally();
  const services = new Tally();
  const villages = new Tally();
  for (const c of opened) {
    kinds.add(c.kind);
    services.add(c.service ?? '');
    villages.add(c.details?.village ?? '');
  }
  const span = { from: p.from, to: p.to, dateField: 'created' };
  return {
    casesByKind: rows(kinds, (k) => texts.kind(k), undefined, (k) => ({ ...span, kind: k })),
    casesByService: rows(services, (k) => texts.service(k || null), undefined, (k) => (k ? { ...span, service: k } : null)),
    casesByVillage: rows(villages, (k) => k || texts.render('unknown_village'), undefined, (k) => (k ? { ...span, villageIs: k } : null)),
  };
}

async function interviews(p: Period, staff: StatisticsOptions['staff'], offices: StatisticsOptions['offices'], texts: ReportTexts) {
  const range = { $gte: p.start, $lte: p.end };
  const [held, booked] = await Promise.all([
    InterviewModel.find({ status: 'held', heldAt: range }).sort({ heldAt: 1 }).lean(),
    InterviewModel.countDocuments({ bookedAt: range }),
  ]);
  return {
    held: held.length,
    booked,
    list: held.map((i) => ({
      caseNumber: i.caseNumber, heldAt: i.heldAt, leader: staff.get(i.leaderStaffId)?.name ?? i.leaderStaffId, office: texts.office(i.officeCode, offices),
    })),
  };
}

/**
 * The console's 统计 for a month or a quarter (000 §7 群众咨询梳理分析; 003 督办 一月一报), against the
 * previous month or quarter: messages by day and channel, matters, what went unanswered, cases per office
 * and per 首问责任人 with the filters behind each figure, satisfaction, 约谈 held, matters needing attention.
 */
export async function buildStatistics(o: StatisticsOptions) {
  const { period: p, texts, now } = o;
  const prev = comparisonPeriod(p);
  const [cur, old, cases, logged, sat, satBefore, legacy, talks] = await Promise.all([
    turnFigures(p, texts, now), turnFigures(prev, texts, now), loadPeriodCases(p), unansweredIn(p),
    satisfactionFigures(p), satisfactionFigures(prev), caseFigures(p, now, texts), interviews(p, o.staff, o.offices, texts),
  ]);
  const channelTally = new Tally();
  for (const r of cur.inquiries.byChannel) channelTally.add(r.key, r.count);
  const prevChannels = new Tally();
  for (const r of old.inquiries.byChannel) prevChannels.add(r.key, r.count);
  const office = (k: string) => texts.office(k || null, o.offices);
  const byOffice = breakdown(cases, p, now, (c) => c.officeCode ?? '', 'office').map((r) => ({ ...r, label: office(r.key) }));
  const byFirstResponder = breakdown(cases, p, now, (c) => c.firstResponderId ?? '', 'firstResponder').map((r: BreakdownRow) => {
    const s = o.staff.get(r.key);
    return { ...r, label: s?.name ?? (r.key || texts.render('unknown_staff')), office: s ? office(s.officeCode) : null };
  });
  const reasons = new Tally();
  const unansweredServices = new Tally();
  for (const r of logged) {
    reasons.add(r.reason);
    if (r.service) unansweredServices.add(r.service);
  }
  const questions = logged.length
    ? groupQuestions(logged)
    : cur.understanding.top.map((q) => ({ text: q.text, count: q.count, service: null, reason: 'fallback', channel: null, lastAt: null }));
  const totals: CaseCounts = caseTotals(cases, p, now);
  return {
    period: periodInfo(p, texts),
    previous: periodInfo(prev, texts),
    generatedAt: now.toISOString(),
    messages: {
      total: cur.inquiries.messages, previous: old.inquiries.messages, villagers: cur.inquiries.villagers, previousVillagers: old.inquiries.villagers,
      byDay: everyDay(p).map((day) => {
        const t = cur.byDay.get(day);
        return { day, total: t ? t.keys().reduce((n, k) => n + t.get(k), 0) : 0, byChannel: Object.fromEntries(t ? t.keys().map((k) => [k, t.get(k)]) : []) };
      }),
      byChannel: rows(channelTally, (k) => texts.channel(k), prevChannels),
    },
    matters: {
      byIntent: cur.inquiries.byIntent.map((r) => ({ ...r, drill: null })),
      byService: rows(cur.services, (k) => texts.service(k), old.services),
      ...caseDimensions(cases, p, texts),
    },
    unanswered: {
      total: logged.length, logged: logged.length, fallbackTurns: cur.understanding.fallback, clarifyTurns: cur.understanding.clarify,
      rate: cur.understanding.rate,
      byReason: rows(reasons, (k) => reasonLabel(texts, k)),
      byService: rows(unansweredServices, (k) => texts.service(k)),
      questions: questions.map((q) => ({ ...q, serviceLabel: q.service ? texts.service(q.service) : null, reasonLabel: reasonLabel(texts, q.reason) })),
    },
    cases: {
      opened: totals.opened, closed: totals.closedOnTime + totals.closedLate, closedOnTime: totals.closedOnTime, closedLate: totals.closedLate,
      overdueOpen: totals.overdueOpen, extended: totals.extended, averageWorkingDaysToClose: legacy.cases.averageWorkingDaysToClose,
      drill: totals.drill, byOffice, byFirstResponder,
    },
    satisfaction: { ...sat, rate: rate(sat), previous: { ...satBefore, rate: rate(satBefore) } },
    interviews: talks,
    attention: legacy.attention satisfies Attention,
  };
}

export type Statistics = Awaited<ReturnType<typeof buildStatistics>>;

function reasonLabel(texts: ReportTexts, key: string): string {
  return texts.has(`unanswered_reason.${key}`) ? texts.render(`unanswered_reason.${key}`) : key;
}
