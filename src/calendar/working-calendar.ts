import { CalendarOverride, CalendarYear } from './calendar.model.js';
import { dayKey, daysBetween, endOfDay, shiftDay, weekdayOf, type DayInput } from './day-key.js';
import { loadPackageHolidayData, type HolidayData } from './holiday-data.js';

/** When a deadline falls, and whether the holiday data actually covered every day counted. */
export interface Deadline {
  /** end (23:59:59 Beijing time) of the last day allowed */
  due: Date;
  /**
   * false when some counted day lies in a year with no holiday data: the result was computed by
   * weekdays alone and may be wrong. Callers must flag the case and alert the admins.
   */
  covered: boolean;
}

export type OverrideKind = 'workday' | 'holiday';

/** Safety stop for loops over days: no township deadline is ten years long. */
const MAX_DAYS = 3660;

/**
 * Working days (工作日) on the Beijing-time calendar: weekends off, statutory holidays off,
 * adjusted working weekends (调休) on, and admin corrections over all of that.
 */
export class WorkingCalendar {
  constructor(
    private readonly data: HolidayData,
    private readonly overrides: ReadonlyMap<string, OverrideKind> = new Map(),
    private readonly confirmedYears: ReadonlySet<number> = new Set(),
  ) {}

  /** The package data plus the admins' overrides and confirmed years from the database. */
  static async load(): Promise<WorkingCalendar> {
    const [rows, years] = await Promise.all([CalendarOverride.find().lean(), CalendarYear.find().lean()]);
    const overrides = new Map(rows.map((r) => [r.date, r.kind as OverrideKind]));
    return new WorkingCalendar(loadPackageHolidayData(), overrides, new Set(years.map((y) => y.year)));
  }

  /** Whether a year's statutory calendar is known (package data, or confirmed by an admin). */
  dataCoversYear(year: number): boolean {
    return this.data.years.has(year) || this.confirmedYears.has(year);
  }

  isWorkingDay(date: DayInput): boolean {
    const key = dayKey(date);
    const override = this.overrides.get(key);
    if (override) return override === 'workday';
    if (this.data.workdays.has(key)) return true;
    if (this.data.holidays.has(key)) return false;
    const wd = weekdayOf(key);
    return wd !== 0 && wd !== 6;
  }

  /**
   * The end of the n-th working day after the day of `from` (the day of receipt is not counted).
   * n = 0 means the end of the day of `from`.
   */
  addWorkingDays(from: DayInput, n: number): Deadline {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
    let key = dayKey(from);
    let covered = this.dataCoversYear(yearOf(key));
    for (let left = n, steps = 0; left > 0; steps++) {
      if (steps > MAX_DAYS) throw new RangeError('no working day found in ten years: check the overrides');
      key = shiftDay(key, 1);
      if (!this.dataCoversYear(yearOf(key))) covered = false;
      if (this.isWorkingDay(key)) left--;
    }
    return { due: endOfDay(key), covered };
  }

  /** The end of the n-th calendar day after the day of `from`. Needs no holiday data, so always covered. */
  addCalendarDays(from: DayInput, n: number): Deadline {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`calendar days must be a whole number ≥ 0, got ${n}`);
    return { due: endOfDay(shiftDay(dayKey(from), n)), covered: true };
  }

  /**
   * Working days after the day of `a` up to and including the day of `b`
   * (negative when b is before a). Equal days give 0.
   */
  workingDaysBetween(a: DayInput, b: DayInput): number {
    const ka = dayKey(a);
    const kb = dayKey(b);
    const span = daysBetween(ka, kb);
    if (span < 0) return -this.workingDaysBetween(kb, ka);
    if (span > MAX_DAYS) throw new RangeError('range longer than ten years');
    let count = 0;
    for (let i = 1; i <= span; i++) if (this.isWorkingDay(shiftDay(ka, i))) count++;
    return count;
  }

  /** The nearest working day strictly before the day of `date`, as 'YYYY-MM-DD'. */
  previousWorkingDay(date: DayInput): string {
    let key = dayKey(date);
    for (let steps = 0; steps <= MAX_DAYS; steps++) {
      key = shiftDay(key, -1);
      if (this.isWorkingDay(key)) return key;
    }
    throw new RangeError('no working day found in ten years: check the overrides');
  }
}

function yearOf(key: string): number {
  return Number(key.slice(0, 4));
}
