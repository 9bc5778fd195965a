import { CaseModel, CLOCK_RUNNING, type CaseStatus } from '../cases/index.js';
import { inPeriod, type Period } from './period.js';

/**
 * Cases per office and per 首问责任人 for the console's statistics, each figure with the case-list
 * filter that lists the cases behind it (`drill`: query parameters of GET /api/admin/cases).
 */
export type Drill = Record<string, string>;

export const CASE_MEASURES = ['opened', 'closedOnTime', 'closedLate', 'overdueOpen', 'extended'] as const;
export type CaseMeasure = (typeof CASE_MEASURES)[number];

export interface CaseCounts extends Record<CaseMeasure, number> {
  drill: Record<CaseMeasure, Drill>;
}

export interface BreakdownRow extends CaseCounts {
  key: string;
}

export interface CaseRow {
  number: string;
  kind: string;
  service?: string | null;
  officeCode?: string | null;
  firstResponderId?: string | null;
  status: CaseStatus;
  deadline?: { due?: Date | null } | null;
  details?: { village?: string | null } | null;
  extensions?: { decision?: string | null }[] | null;
  createdAt: Date;
  closedAt?: Date | null;
}

const PROJECTION = {
  number: 1, kind: 1, service: 1, officeCode: 1, firstResponderId: 1, status: 1, deadline: 1, 'details.village': 1, extensions: 1, createdAt: 1, closedAt: 1,
} as const;

/** Opened or closed in the period (indexed time ranges), and the ones still running that existed by its end. */
export async function loadPeriodCases(p: Period): Promise<CaseRow[]> {
  const range = { $gte: p.start, $lte: p.end };
  const [created, closed, running] = await Promise.all([
    CaseModel.find({ createdAt: range }, PROJECTION).lean<CaseRow[]>(),
    CaseModel.find({ closedAt: range }, PROJECTION).lean<CaseRow[]>(),
    CaseModel.find({ status: { $in: CLOCK_RUNNING }, createdAt: { $lte: p.end } }, PROJECTION).lean<CaseRow[]>(),
  ]);
  const byNumber = new Map<string, CaseRow>();
  for (const c of [...created, ...closed, ...running]) byNumber.set(c.number, c);
  return [...byNumber.values()];
}

const time = (d: Date | null | undefined): number => (d ? new Date(d).getTime() : NaN);

/** Which measures a case counts in. */
export function measuresOf(c: CaseRow, p: Period, now: Date): CaseMeasure[] {
  const out: CaseMeasure[] = [];
  const due = time(c.deadline?.due);
  const opened = inPeriod(p, c.createdAt);
  if (opened) out.push('opened');
  if (inPeriod(p, c.closedAt ?? null)) out.push(time(c.closedAt) > due ? 'closedLate' : 'closedOnTime');
  if (CLOCK_RUNNING.includes(c.status) && due < now.getTime() && time(c.createdAt) <= p.end.getTime()) out.push('overdueOpen');
  if (opened && (c.extensions ?? []).some((e) => e.decision === 'approved')) out.push('extended');
  return out;
}

/** The case-list filter for one measure, narrowed by `extra` (office, firstResponder …). */
export function drillFor(measure: CaseMeasure, p: Period, extra: Drill = {}): Drill {
  const span = { from: p.from, to: p.to };
  switch (measure) {
    case 'opened': return { ...span, dateField: 'created', ...extra };
    case 'closedOnTime': return { ...span, dateField: 'closed', timeliness: 'onTime', ...extra };
    case 'closedLate': return { ...span, dateField: 'closed', timeliness: 'late', ...extra };
    case 'overdueOpen': return { to: p.to, dateField: 'created', overdue: '1', ...extra };
    case 'extended': return { ...span, dateField: 'created', extended: '1', ...extra };
  }
}

function emptyCounts(p: Period, extra: Drill): CaseCounts {
  const drill = Object.fromEntries(CASE_MEASURES.map((m) => [m, drillFor(m, p, extra)])) as Record<CaseMeasure, Drill>;
  return { opened: 0, closedOnTime: 0, closedLate: 0, overdueOpen: 0, extended: 0, drill };
}

/** Totals over all cases. */
export function caseTotals(rows: CaseRow[], p: Period, now: Date): CaseCounts {
  const counts = emptyCounts(p, {});
  for (const c of rows) for (const m of measuresOf(c, p, now)) counts[m]++;
  return counts;
}

/**
 * The same counts per key (office code, first responder's staffId); `param` is the case-list parameter
 * that selects the key. Rows with no figure at all are left out; most opened first.
 */
export function breakdown(rows: CaseRow[], p: Period, now: Date, keyOf: (c: CaseRow) => string, param: string): BreakdownRow[] {
  const byKey = new Map<string, BreakdownRow>();
  for (const c of rows) {
    const measures = measuresOf(c, p, now);
    if (!measures.length) continue;
    const key = keyOf(c);
    const row = byKey.get(key) ?? { key, ...emptyCounts(p, key ? { [param]: key } : {}) };
    for (const m of measures) row[m]++;
    byKey.set(key, row);
  }
  return [...byKey.values()].sort((a, b) => b.opened - a.opened || b.overdueOpen - a.overdueOpen || a.key.localeCompare(b.key));
}
