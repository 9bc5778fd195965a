import { daysBetween, endOfDay, shiftDay, startOfDay } from '../calendar/day-key.js';

/** A reporting period: whole Beijing-time days, both ends included. */
export interface Period {
  from: string;
  to: string;
  days: number;
  /** first instant of `from` */
  start: Date;
  /** last instant of `to` */
  end: Date;
}

/** A report over more than this is a mistake (a year plus a leap day). */
export const MAX_PERIOD_DAYS = 366;

/** Thrown for a period that cannot be reported on (bad day, reversed, too long); the message may be shown to staff. */
export class ReportPeriodError extends Error {
  override name = 'ReportPeriodError';
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function checkDay(key: string, what: string): void {
  const m = DAY_RE.exec(key);
  if (!m || shiftDay(key, 0) !== key) throw new ReportPeriodError(`${what} must be a real day YYYY-MM-DD, got "${key}"`);
}

/** The period from day `from` to day `to` inclusive. */
export function periodOf(from: string, to: string): Period {
  checkDay(from, 'from');
  checkDay(to, 'to');
  const days = daysBetween(from, to) + 1;
  if (days < 1) throw new ReportPeriodError(`from (${from}) is after to (${to})`);
  if (days > MAX_PERIOD_DAYS) throw new ReportPeriodError(`a report covers at most ${MAX_PERIOD_DAYS} days`);
  return { from, to, days, start: startOfDay(from), end: endOfDay(to) };
}

/** The period of the same length that ends the day before `p` starts (the comparison for trends). */
export function previousPeriod(p: Period): Period {
  const to = shiftDay(p.from, -1);
  return periodOf(shiftDay(to, 1 - p.days), to);
}

/** A calendar month 'YYYY-MM' (一月一报). */
export function monthPeriod(month: string): Period {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const mm = Number(m?.[2]);
  if (!m || mm < 1 || mm > 12) throw new ReportPeriodError(`month must be YYYY-MM, got "${month}"`);
  const from = `${month}-01`;
  const nextMonth = mm === 12 ? `${Number(m[1]) + 1}-01-01` : `${m[1]}-${String(mm + 1).padStart(2, '0')}-01`;
  return periodOf(from, shiftDay(nextMonth, -1));
}

/** Whether an instant lies inside the period. */
export function inPeriod(p: Period, at: Date | null | undefined): boolean {
  return !!at && at.getTime() >= p.start.getTime() && at.getTime() <= p.end.getTime();
}

/** A quarter 'YYYY-Qn' (n = 1…4): its three calendar months. */
export function quarterPeriod(quarter: string): Period {
  const m = /^(\d{4})-Q([1-4])$/i.exec(quarter);
  if (!m) throw new ReportPeriodError(`quarter must be YYYY-Qn, got "${quarter}"`);
  const first = (Number(m[2]) - 1) * 3 + 1;
  const from = `${m[1]}-${String(first).padStart(2, '0')}-01`;
  const last = monthPeriod(`${m[1]}-${String(first + 2).padStart(2, '0')}`);
  return periodOf(from, last.to);
}

/** 'YYYY-MM' or 'YYYY-Qn'. */
export function namedPeriod(key: string): Period {
  if (/^\d{4}-Q\d$/i.test(key)) return quarterPeriod(key.toUpperCase());
  if (/^\d{4}-\d{2}$/.test(key)) return monthPeriod(key);
  throw new ReportPeriodError(`a period is YYYY-MM or YYYY-Qn, got "${key}"`);
}

function monthKey(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/**
 * What a period is: a whole calendar month ('2026-12'), a whole quarter ('2026-Q4'), or just days
 * (undefined).
 */
export function periodName(p: Period): { kind: 'month' | 'quarter'; key: string } | undefined {
  const m = /^(\d{4})-(\d{2})-01$/.exec(p.from);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (monthPeriod(monthKey(year, month)).to === p.to) return { kind: 'month', key: monthKey(year, month) };
  if ((month - 1) % 3 === 0 && quarterPeriod(`${year}-Q${(month + 2) / 3}`).to === p.to) return { kind: 'quarter', key: `${year}-Q${(month + 2) / 3}` };
  return undefined;
}

/**
 * The period a report compares with: the previous calendar month for a month (December with
 * 1–30 November), the previous quarter for a quarter, else the same number of days just before.
 */
export function comparisonPeriod(p: Period): Period {
  const name = periodName(p);
  if (!name) return previousPeriod(p);
  const [y, rest] = name.key.split('-') as [string, string];
  const year = Number(y);
  if (name.kind === 'month') {
    const month = Number(rest);
    return month === 1 ? monthPeriod(monthKey(year - 1, 12)) : monthPeriod(monthKey(year, month - 1));
  }
  const q = Number(rest.slice(1));
  return q === 1 ? quarterPeriod(`${year - 1}-Q4`) : quarterPeriod(`${year}-Q${q - 1}`);
}
