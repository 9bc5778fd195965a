import { CalendarOverride, CalendarYear } from './calendar.model.js';
import { weekdayOf } from './day-key.js';
import { loadPackageHolidayData, type HolidayData } from './holiday-data.js';
import type { OverrideKind } from './working-calendar.js';

/** One day that differs from plain Monday–Friday, or that an admin corrected. */
export interface SpecialDay {
  date: string;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** what the day is in effect (override over package) */
  kind: OverrideKind;
  source: 'package' | 'override';
  /** what the package says, when it says anything about the day */
  packageKind: OverrideKind | null;
}

export interface OverrideView {
  date: string;
  kind: OverrideKind;
  note: string;
  createdBy: string;
  updatedAt: Date | null;
}

/** A year as the admin page shows it. */
export interface YearView {
  year: number;
  /** whether deadlines in this year count as covered */
  covered: boolean;
  /** where the coverage comes from */
  coveredBy: 'package' | 'confirmed' | null;
  confirmation: { confirmedBy: string; note: string; at: Date | null } | null;
  days: SpecialDay[];
  overrides: OverrideView[];
}

let packageData: HolidayData | undefined;

function packageKindOf(data: HolidayData, date: string): OverrideKind | null {
  if (data.workdays.has(date)) return 'workday';
  if (data.holidays.has(date)) return 'holiday';
  return null;
}

/** The holidays and adjusted workdays (调休) of a year from the package and the overrides, and its coverage. */
export async function calendarYearView(year: number): Promise<YearView> {
  packageData ??= loadPackageHolidayData();
  const data = packageData;
  const prefix = `${year}-`;
  const [rows, confirmed] = await Promise.all([
    CalendarOverride.find({ date: { $gte: `${year}-01-01`, $lte: `${year}-12-31` } }).sort({ date: 1 }).lean(),
    CalendarYear.findOne({ year }).lean(),
  ]);
  const overrides: OverrideView[] = rows.map((r) => ({
    date: r.date, kind: r.kind as OverrideKind, note: r.note ?? '', createdBy: r.createdBy, updatedAt: r.updatedAt ?? null,
  }));
  const byDate = new Map(overrides.map((o) => [o.date, o.kind]));
  const dates = new Set([...data.holidays, ...data.workdays].filter((d) => d.startsWith(prefix)));
  for (const d of byDate.keys()) dates.add(d);
  const days = [...dates].sort().map((date): SpecialDay => {
    const packageKind = packageKindOf(data, date);
    const override = byDate.get(date);
    return { date, weekday: weekdayOf(date), kind: override ?? packageKind ?? 'workday', source: override ? 'override' : 'package', packageKind };
  });
  const coveredBy = data.years.has(year) ? 'package' : confirmed ? 'confirmed' : null;
  return {
    year, covered: coveredBy !== null, coveredBy,
    confirmation: confirmed ? { confirmedBy: confirmed.confirmedBy, note: confirmed.note ?? '', at: confirmed.updatedAt ?? null } : null,
    days, overrides,
  };
}
