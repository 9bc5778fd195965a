import { CalendarOverride, CalendarYear } from './calendar.model.js';
import { readCalendarSignal } from './change-signal.js';
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
  private overrides: ReadonlyMap<string, OverrideKind>;
  private confirmedYears: ReadonlySet<number>;
  /** the change-signal token the loaded rows belong to; undefined until read from the database */
  private signal: string | null | undefined;
  private pending: Promise<boolean> | undefined;

  constructor(
    private readonly data: HolidayData,
    overrides: ReadonlyMap<string, OverrideKind> = new Map(),
    confirmedYears: ReadonlySet<number> = new Set(),
  ) {
    this.overrides = overrides;
    this.confirmedYears = confirmedYears;
  }

  /** The package data plus the admins' overrides and confirmed years from the database. */
  static async load(): Promise<WorkingCalendar> {
    const calendar = new WorkingCalendar(loadPackageHolidayData());
    await calendar.reload();
    return calendar;
  }

  /**
   * Re-reads the overrides and confirmed years into this same instance, so every holder
   * (CaseService, schedulers…) sees the change. The package data stays as loaded.
   */
  async reload(): Promise<void> {
    // the signal first, then the rows: a change in between is caught by the next refresh
    const signal = await readCalendarSignal();
    const [rows, years] = await Promise.all([CalendarOverride.find().lean(), CalendarYear.find().lean()]);
    this.overrides = new Map(rows.map((r) => [r.date, r.kind as OverrideKind]));
    this.confirmedYears = new Set(years.map((y) => y.year));
    this.signal = signal;
  }

  /** Reloads when any instance changed the calendar since the last load. Returns whether it reloaded. */
  refreshIfChanged(): Promise<boolean> {
    this.pending ??= this.checkSignal().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /**
   * Checks the change signal every intervalMs (timer unref'd); returns the stop function.
   * A failed check keeps the calendar as it was and is reported to onError.
   */
  startAutoRefresh(intervalMs = 5000, onError: (err: unknown) => void = () => undefined): () => void {
    const timer = setInterval(() => {
      this.refreshIfChanged().catch(onError);
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  private async checkSignal(): Promise<boolean> {
    const signal = await readCalendarSignal();
    if (this.signal !== undefined && signal === this.signal) return false;
    await this.reload();
    return true;
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
