import dayjs from 'dayjs';
import { dayKey, TOWNSHIP_TZ, type WorkingCalendar } from '../calendar/index.js';
import { shiftDay } from '../calendar/day-key.js';
import { isOnLeave, type StaffRecord } from '../staff/index.js';

/** Office hours (Beijing time): 9:00-11:30 and 14:30-17:00. An interview slot starts inside them. */
export const WORKING_HOURS: readonly (readonly [string, string])[] = [['09:00', '11:30'], ['14:30', '17:00']];
/** Slot start times, alternated day by day so the villager gets a morning and an afternoon to choose from. */
export const SLOT_TIMES: readonly string[] = ['09:30', '15:00'];
/** Thirty minutes: every slot must end inside office hours. */
export const SLOT_MINUTES = 30;
const SEARCH_DAYS = 60;

export interface SlotQuery {
  calendar: WorkingCalendar;
  leader: StaffRecord;
  /** slots start after this instant (from the next day on) */
  after: Date;
  /** no slot later than this instant */
  notAfter?: Date;
  /** instants that must not be offered (the slot already booked) */
  exclude?: readonly Date[];
  count: number;
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Whether a slot of SLOT_MINUTES starting at hh:mm lies within office hours. */
export function withinOfficeHours(hhmm: string): boolean {
  const start = minutes(hhmm);
  return WORKING_HOURS.some(([from, to]) => start >= minutes(from) && start + SLOT_MINUTES <= minutes(to));
}

/** Up to `count` slots on the leader's working days (not on leave), one per day, from the day after `after`. */
export function nextSlots(q: SlotQuery): Date[] {
  const out: Date[] = [];
  const excluded = new Set((q.exclude ?? []).map((d) => d.getTime()));
  let day = dayKey(q.after);
  for (let i = 0; i < SEARCH_DAYS && out.length < q.count; i++) {
    day = shiftDay(day, 1);
    if (!q.calendar.isWorkingDay(day)) continue;
    const time = SLOT_TIMES[out.length % SLOT_TIMES.length] ?? '09:30';
    const slot = dayjs.tz(`${day} ${time}`, TOWNSHIP_TZ).toDate();
    if (q.notAfter && slot.getTime() > q.notAfter.getTime()) break;
    if (excluded.has(slot.getTime()) || isOnLeave(q.leader, slot)) continue;
    out.push(slot);
  }
  return out;
}
