import { describe, expect, it } from 'vitest';
import { confirmYear, dayKey, removeOverride, setOverride, WorkingCalendar } from '../../../src/calendar/index.js';
import { useTestDatabase } from '../../helpers/db.js';

describe('admin calendar corrections', () => {
  useTestDatabase('calendar');
  const from = new Date('2026-02-13T10:00:00+08:00');

  it('an override turning a working day into a holiday moves the deadline', async () => {
    const before = await WorkingCalendar.load();
    expect(dayKey(before.addWorkingDays(from, 5).due)).toBe('2026-02-27');

    await setOverride('2026-02-27', 'holiday', 'admin01', '乡里统一安排');
    const after = await WorkingCalendar.load();
    expect(after.isWorkingDay('2026-02-27')).toBe(false);
    expect(dayKey(after.addWorkingDays(from, 5).due)).toBe('2026-02-28');

    await setOverride('2026-02-27', 'workday', 'admin01');
    expect((await WorkingCalendar.load()).isWorkingDay('2026-02-27')).toBe(true);
    expect(await removeOverride('2026-02-27')).toBe(true);
  });

  it('an override can make a weekend a working day', async () => {
    await setOverride('2026-03-07', 'workday', 'admin01');
    const cal = await WorkingCalendar.load();
    expect(cal.isWorkingDay('2026-03-07')).toBe(true);
    expect(cal.workingDaysBetween('2026-03-06', '2026-03-09')).toBe(2);
  });

  it('entering 2027 and confirming the year makes a 2027 deadline covered', async () => {
    const start = new Date('2026-12-28T10:00:00+08:00');
    expect((await WorkingCalendar.load()).addWorkingDays(start, 5).covered).toBe(false);
    await setOverride('2027-01-01', 'holiday', 'admin01', '元旦');
    await confirmYear(2027, 'admin01', '国务院2027年节假日安排');
    const cal = await WorkingCalendar.load();
    const d = cal.addWorkingDays(start, 5);
    expect(d.covered).toBe(true);
    expect(dayKey(d.due)).toBe('2027-01-05');
  });
});
