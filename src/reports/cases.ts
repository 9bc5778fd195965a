import { CaseModel, CLOCK_RUNNING, type CaseStatus } from '../cases/index.js';
import { dayKey, WorkingCalendar } from '../calendar/index.js';
import { daysBetween } from '../calendar/day-key.js';
import { Office } from '../staff/index.js';
import { inPeriod, type Period } from './period.js';
import { Tally } from './tally.js';
import type { ReportTexts } from './texts.js';
import type { Attention, AttentionCase, CaseStats } from './types.js';

/** Complaints about the same service or office from this many cases on are "反映集中". */
export const REPEAT_THRESHOLD = 2;
const COMPLAINT_KINDS = new Set(['complaint', 'petition']);

interface CaseRow {
  number: string;
  kind: string;
  service?: string | null;
  officeCode?: string | null;
  status: CaseStatus;
  deadline?: { due?: Date | null; covered?: boolean | null } | null;
  alerts?: string[] | null;
  createdAt: Date;
  closedAt?: Date | null;
}

const PROJECTION = { number: 1, kind: 1, service: 1, officeCode: 1, status: 1, deadline: 1, alerts: 1, createdAt: 1, closedAt: 1 } as const;

/** Cases opened or closed in the period, and every case still open that existed by its end (for overdue at `now`). */
async function loadCases(p: Period): Promise<CaseRow[]> {
  const range = { $gte: p.start, $lte: p.end };
  return CaseModel.find({ $or: [{ createdAt: range }, { closedAt: range }, { status: { $in: [...CLOCK_RUNNING, 'paused'] }, createdAt: { $lte: p.end } }] }, PROJECTION)
    .lean<CaseRow[]>()
    .exec();
}

async function rosterOffices(): Promise<Map<string, string>> {
  const rows = await Office.find({}, { code: 1, name: 1 }).lean<{ code: string; name: string }[]>().exec();
  return new Map(rows.map((o) => [o.code, o.name]));
}

function dueOf(c: CaseRow): Date | undefined {
  const due = c.deadline?.due;
  return due instanceof Date ? due : due ? new Date(due) : undefined;
}

function isOpenOverdue(c: CaseRow, now: Date): boolean {
  const due = dueOf(c);
  return CLOCK_RUNNING.includes(c.status) && !!due && due.getTime() < now.getTime();
}

export interface CaseFigures {
  cases: CaseStats;
  attention: Attention;
}

/** Opened, closed (on time or late), open and overdue, by kind and office, and what needs a leader's eye. */
export async function caseFigures(p: Period, now: Date, texts: ReportTexts): Promise<CaseFigures> {
  const [rows, roster, calendar] = await Promise.all([loadCases(p), rosterOffices(), WorkingCalendar.load()]);
  const office = (code: string | null | undefined): string => texts.office(code, roster);
  const opened = rows.filter((c) => inPeriod(p, c.createdAt));
  const closed = rows.filter((c) => inPeriod(p, c.closedAt));
  const late = closed.filter((c) => {
    const due = dueOf(c);
    return !!due && !!c.closedAt && c.closedAt.getTime() > due.getTime();
  });
  const byKind = new Tally();
  const byOffice = new Tally();
  for (const c of opened) {
    byKind.add(c.kind);
    byOffice.add(c.officeCode ?? '');
  }
  const durations = closed.map((c) => calendar.workingDaysBetween(c.createdAt, c.closedAt as Date));
  const overdue = rows.filter((c) => isOpenOverdue(c, now));
  const describe = (c: CaseRow): AttentionCase => ({
    number: c.number, kind: c.kind, kindLabel: texts.kind(c.kind), office: office(c.officeCode), service: texts.service(c.service),
    due: dueOf(c) ? dayKey(dueOf(c) as Date) : '',
  });
  return {
    cases: {
      opened: opened.length,
      closed: closed.length,
      closedOnTime: closed.length - late.length,
      closedLate: late.length,
      openOverdue: overdue.length,
      byKind: byKind.rows((k) => texts.kind(k)),
      byOffice: byOffice.rows((k) => office(k)),
      averageWorkingDaysToClose: durations.length ? round1(durations.reduce((a, b) => a + b, 0) / durations.length) : null,
    },
    attention: {
      overdue: overdue
        .map((c) => ({ ...describe(c), daysOverdue: daysBetween(dayKey(dueOf(c) as Date), dayKey(now)) }))
        .sort((a, b) => b.daysOverdue - a.daysOverdue || a.number.localeCompare(b.number)),
      uncovered: rows.filter((c) => c.closedAt == null && isUncovered(c)).map(describe),
      repeated: repeatedComplaints(opened, texts, office),
    },
  };
}

function isUncovered(c: CaseRow): boolean {
  const open = CLOCK_RUNNING.includes(c.status) || c.status === 'paused';
  return open && (c.deadline?.covered === false || (c.alerts ?? []).includes('deadline_uncovered'));
}

function repeatedComplaints(opened: CaseRow[], texts: ReportTexts, office: (code: string) => string): Attention['repeated'] {
  const services = new Tally();
  const offices = new Tally();
  for (const c of opened) {
    if (!COMPLAINT_KINDS.has(c.kind)) continue;
    if (c.service) services.add(c.service);
    if (c.officeCode) offices.add(c.officeCode);
  }
  const pick = (t: Tally, dimension: 'service' | 'office', label: (k: string) => string) =>
    t.rows(label).filter((r) => r.count >= REPEAT_THRESHOLD).map((r) => ({ dimension, ...r }));
  return [...pick(services, 'service', (k) => texts.service(k)), ...pick(offices, 'office', office)];
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
