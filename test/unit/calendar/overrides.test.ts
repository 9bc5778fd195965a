import { describe, expect, it } from 'vitest';
import { confirmYear, dayKey, removeOverride, setOverride } from '../../../src/calendar/index.js';
import { useTestDatabase } from '../../helpers/db.js';
import { loadFixtureCalendar, UNCOVERED_YEAR } from './holiday-fixture.js';

describe('admin calendar corrections', () => {
  useTestDatabase('calendar');
  const from = new Date('2026-02-13T10:00:00+08:00');

  it('an override turning a working day into a holiday moves the deadline', async () => {
    const before = await loadFixtureCalendar();
    expect(dayKey(before.addWorkingDays(from, 5).due)).toBe('2026-02-27');

    await setOverride('2026-02-27', 'holiday', 'admin01', '乡里统一安排');
    const after = await loadFixtureCalendar();
    expect(after.isWorkingDay('2026-02-27')).toBe(false);
    expect(dayKey(after.addWorkingDays(from, 5).due)).toBe('2026-02-28');

    await setOverride('2026-02-27', 'workday', 'admin01');
    expect((await loadFixtureCalendar()).isWorkingDay('2026-02-27')).toBe(true);
    expect(await removeOverride('2026-02-27')).toBe(true);
  });

  it('an override can make a weekend a working day', async () => {
    await setOverride('2026-03-07', 'workday', 'admin01');
    const cal = await loadFixtureCalendar();
    expect(cal.isWorkingDay('2026-03-07')).toBe(true);
    expect(cal.workingDaysBetween('2026-03-06', '2026-03-09')).toBe(2);
  });

  it('entering a year the data lacks and confirming it makes its deadlines covered', async () => {
    // the fixture describes 2026 only, so 2027 is uncovered whatever chinese-days is installed
    expect(UNCOVERED_YEAR).toBe(2027);
    const start = new Date('2026-12-28T10:00:00+08:00');
    const unconfirmed = (await loadFixtureCalendar()).addWorkingDays(start, 5);
    expect(unconfirmed.covered).toBe(false);
    expect(dayKey(unconfirmed.due)).toBe('2027-01-04'); // Jan 1 counted by weekday rules
    await setOverride('2027-01-01', 'holiday', 'admin01', '元旦');
    expect((await loadFixtureCalendar()).addWorkingDays(start, 5).covered).toBe(false); // an override alone is not a confirmed year
    await confirmYear(UNCOVERED_YEAR, 'admin01', '国务院2027年节假日安排');
    const cal = await loadFixtureCalendar();
    const d = cal.addWorkingDays(start, 5);
    expect(d.covered).toBe(true);
    expect(dayKey(d.due)).toBe('2027-01-05');
  });
});
