import { CalendarOverride, CalendarYear } from './calendar.model.js';
import { signalCalendarChange } from './change-signal.js';
import { parseDayKey } from './day-key.js';
import type { OverrideKind } from './working-calendar.js';

function realDay(date: string): string {
  const key = parseDayKey(date);
  if (!key) throw new RangeError(`not a real YYYY-MM-DD day: ${date}`);
  return key;
}

/**
 * Admin operations on the calendar data. Each change raises the calendar change signal, so every
 * instance's `WorkingCalendar` reloads on its next `refreshIfChanged()`; deadlines already stored
 * on cases are not recomputed.
 */
export async function setOverride(date: string, kind: OverrideKind, createdBy: string, note = ''): Promise<void> {
  await CalendarOverride.updateOne(
    { date: realDay(date) },
    { $set: { kind, createdBy, note } },
    { upsert: true },
  );
  await signalCalendarChange();
}

export async function removeOverride(date: string): Promise<boolean> {
  const res = await CalendarOverride.deleteOne({ date: realDay(date) });
  if (res.deletedCount > 0) await signalCalendarChange();
  return res.deletedCount > 0;
}

/** Declares that every holiday and 调休 day of `year` has been entered as overrides. */
export async function confirmYear(year: number, confirmedBy: string, note = ''): Promise<void> {
  await CalendarYear.updateOne({ year }, { $set: { confirmedBy, note } }, { upsert: true });
  await signalCalendarChange();
}
