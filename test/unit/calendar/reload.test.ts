import { describe, expect, it, vi } from 'vitest';
import { confirmYear, parseDayKey, readCalendarSignal, removeOverride, setOverride } from '../../../src/calendar/index.js';
import { useTestDatabase } from '../../helpers/db.js';
import { loadFixtureCalendar, UNCOVERED_YEAR } from './holiday-fixture.js';

describe('parseDayKey', () => {
  it('accepts real days only', () => {
    expect(parseDayKey('2028-02-29')).toBe('2028-02-29');
    for (const bad of ['2027-02-29', '2027-02-30', '2027-2-5', '2027-00-10', ' 2027-02-05']) expect(parseDayKey(bad), bad).toBeUndefined();
  });
});

describe('WorkingCalendar reload and the change signal', () => {
  useTestDatabase('calreload');

  it('reload() updates the same instance that others hold', async () => {
    const cal = await loadFixtureCalendar();
    const heldByCaseService = cal;
    await setOverride('2027-03-01', 'holiday', 'admin01');
    expect(heldByCaseService.isWorkingDay('2027-03-01')).toBe(true);
    await cal.reload();
    expect(heldByCaseService.isWorkingDay('2027-03-01')).toBe(false);
  });

  it('every change moves the signal; refreshIfChanged reloads only then', async () => {
    const cal = await loadFixtureCalendar();
    expect(await cal.refreshIfChanged()).toBe(false);
    expect(cal.dataCoversYear(UNCOVERED_YEAR)).toBe(false);
    const seen = new Set([await readCalendarSignal()]);
    await setOverride('2027-03-02', 'holiday', 'admin01');
    seen.add(await readCalendarSignal());
    await confirmYear(UNCOVERED_YEAR, 'admin01');
    seen.add(await readCalendarSignal());
    expect(await removeOverride('2027-03-02')).toBe(true);
    seen.add(await readCalendarSignal());
    expect(seen.size).toBe(4);
    expect(await removeOverride('2027-03-02')).toBe(false);
    expect(await cal.refreshIfChanged()).toBe(true);
    expect(cal.dataCoversYear(UNCOVERED_YEAR)).toBe(true);
    expect(await cal.refreshIfChanged()).toBe(false);
  });

  it('refuses a day that does not exist', async () => {
    await expect(setOverride('2027-02-30', 'holiday', 'admin01')).rejects.toThrow(RangeError);
  });

  it('startAutoRefresh picks up a change made elsewhere, and stops', async () => {
    const cal = await loadFixtureCalendar();
    const stop = cal.startAutoRefresh(20);
    try {
      await setOverride('2027-03-03', 'holiday', 'admin01');
      await vi.waitFor(() => expect(cal.isWorkingDay('2027-03-03')).toBe(false), { timeout: 5000, interval: 20 });
    } finally {
      stop();
    }
  });
});
