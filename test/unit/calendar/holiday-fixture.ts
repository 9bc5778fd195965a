import { WorkingCalendar, type HolidayData } from '../../../src/calendar/index.js';

/** The one year the fixture describes in full. */
export const FIXTURE_YEAR = 2026;
/** A year the fixture says nothing about: deadlines reaching into it must come out uncovered. */
export const UNCOVERED_YEAR = FIXTURE_YEAR + 1;

/**
 * The 2026 notice (国务院办公厅关于2026年部分节假日安排的通知) written out by hand, so tests do not
 * depend on which years the installed `chinese-days` happens to cover.
 */
const HOLIDAYS_2026 = [
  '01-01', '01-02', '01-03', // 元旦
  '02-15', '02-16', '02-17', '02-18', '02-19', '02-20', '02-21', '02-22', '02-23', // 春节
  '04-04', '04-05', '04-06', // 清明节
  '05-01', '05-02', '05-03', '05-04', '05-05', // 劳动节
  '06-19', '06-20', '06-21', // 端午节
  '09-25', '09-26', '09-27', // 中秋节
  '10-01', '10-02', '10-03', '10-04', '10-05', '10-06', '10-07', // 国庆节
];
/** weekend days worked by notice (调休上班) */
const WORKDAYS_2026 = ['01-04', '02-14', '02-28', '05-09', '09-20', '10-10'];

/** Holiday data for FIXTURE_YEAR only. */
export function holidayFixture(): HolidayData {
  const day = (md: string): string => `${FIXTURE_YEAR}-${md}`;
  return {
    holidays: new Set(HOLIDAYS_2026.map(day)),
    workdays: new Set(WORKDAYS_2026.map(day)),
    years: new Set([FIXTURE_YEAR]),
  };
}

/** A calendar on the fixture data with no admin corrections (no database needed). */
export function fixtureCalendar(): WorkingCalendar {
  return new WorkingCalendar(holidayFixture());
}

/** A calendar on the fixture data plus the overrides and confirmed years in the test database. */
export async function loadFixtureCalendar(): Promise<WorkingCalendar> {
  const calendar = fixtureCalendar();
  await calendar.reload();
  return calendar;
}

/** The first year after `from` that `data` does not describe: where the package's coverage ends. */
export function firstUncoveredYear(data: HolidayData, from = FIXTURE_YEAR): number {
  let year = from;
  while (data.years.has(year)) year++;
  return year;
}
