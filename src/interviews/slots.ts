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
  /** instants that must not be offered (the case's own booked slot, slots other cases booked with the leader) */
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

/**
 * Up to `count` slots on the leader's working days (not on leave), one per day, from the day after `after`.
 * The day's preferred time alternates; when it is excluded (booked by another case) the other time is tried.
 */
export function nextSlots(q: SlotQuery): Date[] {
  const out: Date[] = [];
  const excluded = new Set((q.exclude ?? []).map((d) => d.getTime()));
  let day = dayKey(q.after);
  for (let i = 0; i < SEARCH_DAYS && out.length < q.count; i++) {
    day = shiftDay(day, 1);
    if (!q.calendar.isWorkingDay(day)) continue;
    const first = out.length % SLOT_TIMES.length;
    const times = [...SLOT_TIMES.slice(first), ...SLOT_TIMES.slice(0, first)];
    const slots = times.map((time) => dayjs.tz(`${day} ${time}`, TOWNSHIP_TZ).toDate());
    if (q.notAfter && Math.min(...slots.map((d) => d.getTime())) > q.notAfter.getTime()) break;
    const free = slots.find((slot) => (!q.notAfter || slot.getTime() <= q.notAfter.getTime()) && !excluded.has(slot.getTime()) && !isOnLeave(q.leader, slot));
    if (free) out.push(free);
  }
  return out;
}
