import { describe, expect, it } from 'vitest';
import { loadPackageHolidayData, WorkingCalendar } from '../../../src/calendar/index.js';
import { dayKey } from '../../../src/calendar/day-key.js';
import { FIXTURE_YEAR, firstUncoveredYear, fixtureCalendar, holidayFixture, UNCOVERED_YEAR } from './holiday-fixture.js';

const packageData = loadPackageHolidayData();
const cal = new WorkingCalendar(packageData);
/** Beijing-time wall clock → instant */
const bj = (s: string) => new Date(`${s}+08:00`);
const dueDay = (d: { due: Date }) => dayKey(d.due);

describe('the 2026 statutory calendar as the package encodes it', () => {
  // 国务院办公厅关于2026年部分节假日安排的通知: 春节 2月15日至23日放假, 2月14日(周六)、2月28日(周六)上班;
  // 中秋 9月25日至27日; 国庆 10月1日至7日放假, 9月20日(周日)、10月10日(周六)上班.
  it('has Spring Festival Feb 15–23 off and Saturdays Feb 14 and Feb 28 on', () => {
    for (let d = 15; d <= 23; d++) expect(cal.isWorkingDay(`2026-02-${d}`), `Feb ${d}`).toBe(false);
    expect(cal.isWorkingDay('2026-02-14')).toBe(true);
    expect(cal.isWorkingDay('2026-02-28')).toBe(true);
    expect(cal.isWorkingDay('2026-02-24')).toBe(true);
    expect(cal.isWorkingDay('2026-02-22')).toBe(false);
  });

  it('has National Day Oct 1–7 off, Sunday Sep 20 and Saturday Oct 10 on', () => {
    for (let d = 1; d <= 7; d++) expect(cal.isWorkingDay(`2026-10-0${d}`), `Oct ${d}`).toBe(false);
    expect(cal.isWorkingDay('2026-09-20')).toBe(true);
    expect(cal.isWorkingDay('2026-10-10')).toBe(true);
    expect(cal.isWorkingDay('2026-09-25')).toBe(false);
    expect(cal.isWorkingDay('2026-10-11')).toBe(false);
  });

  it('agrees with the hand-written 2026 fixture the other tests use', () => {
    const fixture = holidayFixture();
    const inYear = (days: ReadonlySet<string>) => [...days].filter((d) => d.startsWith(`${FIXTURE_YEAR}-`)).sort();
    expect(inYear(packageData.holidays)).toEqual(inYear(fixture.holidays));
    expect(inYear(packageData.workdays)).toEqual(inYear(fixture.workdays));
  });

  it('covers 2026 and not the first year after it that it has no notice for', () => {
    expect(cal.dataCoversYear(2026)).toBe(true);
    const missing = firstUncoveredYear(packageData);
    expect(missing).toBeGreaterThan(2026);
    expect(cal.dataCoversYear(missing)).toBe(false);
    // a deadline running from the last covered December into that year is flagged
    expect(cal.addWorkingDays(bj(`${missing - 1}-12-28T10:00:00`), 5).covered).toBe(false);
    expect(cal.addWorkingDays(bj(`${missing - 1}-12-01T10:00:00`), 5).covered).toBe(true);
  });

  it('reads an instant on the Beijing calendar, not UTC', () => {
    // 2026-02-13 17:00 UTC is already Saturday Feb 14 in Beijing: a 调休 working day
    expect(dayKey(new Date('2026-02-13T17:00:00Z'))).toBe('2026-02-14');
    expect(cal.isWorkingDay(new Date('2026-02-13T17:00:00Z'))).toBe(true);
    // 2026-02-14 20:00 UTC is Sunday Feb 15 in Beijing: holiday
    expect(cal.isWorkingDay(new Date('2026-02-14T20:00:00Z'))).toBe(false);
  });
});

describe('addWorkingDays', () => {
  it('counts across the Spring Festival, using the 调休 Saturdays', () => {
    const from = bj('2026-02-13T10:00:00'); // Friday
    expect(dueDay(cal.addWorkingDays(from, 1))).toBe('2026-02-14');
    expect(dueDay(cal.addWorkingDays(from, 2))).toBe('2026-02-24');
    expect(dueDay(cal.addWorkingDays(from, 6))).toBe('2026-02-28');
    expect(dueDay(cal.addWorkingDays(from, 7))).toBe('2026-03-02');
  });

  it('gives 15 working days for a disclosure request received Feb 10 2026 as Mar 9, 23:59:59 Beijing', () => {
    const d = cal.addWorkingDays(bj('2026-02-10T09:30:00'), 15);
    expect(d.due.toISOString()).toBe('2026-03-09T15:59:59.999Z');
    expect(d.covered).toBe(true);
  });

  it('counts across National Day with Sep 20 and Oct 10 as working days', () => {
    expect(dueDay(cal.addWorkingDays(bj('2026-09-18T16:00:00'), 1))).toBe('2026-09-20');
    expect(dueDay(cal.addWorkingDays(bj('2026-09-24T16:00:00'), 1))).toBe('2026-09-28');
    const d = cal.addWorkingDays(bj('2026-09-30T11:00:00'), 3);
    expect(dueDay(d)).toBe('2026-10-10');
    expect(d.covered).toBe(true);
  });

  it('flags a deadline that runs into a year with no data, still computing it by weekdays', () => {
    // the fixture describes 2026 only, whatever chinese-days is installed
    const fixture = fixtureCalendar();
    expect(fixture.dataCoversYear(UNCOVERED_YEAR)).toBe(false);
    const d = fixture.addWorkingDays(bj('2026-12-28T10:00:00'), 5);
    // Dec 29, 30, 31, Fri Jan 1 (counted by weekday rules: the 2027 notice is not in the data), Mon Jan 4
    expect(dueDay(d)).toBe('2027-01-04');
    expect(d.covered).toBe(false);
    expect(fixture.addWorkingDays(bj('2026-12-01T10:00:00'), 5).covered).toBe(true);
  });

  it('treats n = 0 as the end of the same day and rejects negative or fractional n', () => {
    expect(dueDay(cal.addWorkingDays(bj('2026-03-03T08:00:00'), 0))).toBe('2026-03-03');
    expect(() => cal.addWorkingDays(new Date(), -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(new Date(), 1.5)).toThrow(RangeError);
  });
});

describe('addCalendarDays and workingDaysBetween', () => {
  it('adds plain calendar days ending 23:59:59 Beijing', () => {
    const d = cal.addCalendarDays(bj('2026-02-13T23:30:00'), 7);
    expect(d.due.toISOString()).toBe('2026-02-20T15:59:59.999Z');
    expect(d.covered).toBe(true);
  });

  it('counts working days after a up to and including b', () => {
    expect(cal.workingDaysBetween('2026-02-13', '2026-02-28')).toBe(6);
    expect(cal.workingDaysBetween('2026-02-28', '2026-02-13')).toBe(-6);
    expect(cal.workingDaysBetween('2026-03-02', '2026-03-02')).toBe(0);
  });

  it('finds the previous working day across a holiday', () => {
    expect(cal.previousWorkingDay('2026-02-24')).toBe('2026-02-14');
    expect(cal.previousWorkingDay('2026-10-08')).toBe('2026-09-30');
  });
});
