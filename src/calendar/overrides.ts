import { CalendarOverride, CalendarYear } from './calendar.model.js';
import { dayKey } from './day-key.js';
import type { OverrideKind } from './working-calendar.js';

/**
 * Admin operations on the calendar data. After a change, build a new calendar with
 * `WorkingCalendar.load()`; deadlines already stored on cases are not recomputed.
 */
export async function setOverride(date: string, kind: OverrideKind, createdBy: string, note = ''): Promise<void> {
  await CalendarOverride.updateOne(
    { date: dayKey(date) },
    { $set: { kind, createdBy, note } },
    { upsert: true },
  );
}

export async function removeOverride(date: string): Promise<boolean> {
  const res = await CalendarOverride.deleteOne({ date: dayKey(date) });
  return res.deletedCount > 0;
}

/** Declares that every holiday and 调休 day of `year` has been entered as overrides. */
export async function confirmYear(year: number, confirmedBy: string, note = ''): Promise<void> {
  await CalendarYear.updateOne({ year }, { $set: { confirmedBy, note } }, { upsert: true });
}
