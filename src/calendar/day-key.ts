import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** All township deadlines are reckoned on the Beijing-time calendar. */
export const TOWNSHIP_TZ = 'Asia/Shanghai';

/** A date as the township reckons it: a Date (an instant), or a 'YYYY-MM-DD' day. */
export type DayInput = Date | string;

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** The Shanghai calendar day 'YYYY-MM-DD' an instant falls on (a 'YYYY-MM-DD' string is taken as is). */
export function dayKey(input: DayInput): string {
  if (typeof input === 'string') {
    if (!DAY_RE.test(input)) throw new RangeError(`not a YYYY-MM-DD day: ${input}`);
    return input;
  }
  return dayjs(input).tz(TOWNSHIP_TZ).format('YYYY-MM-DD');
}

/** 'YYYY-MM-DD' when `text` is a real calendar day (no 2027-02-30), else undefined. */
export function parseDayKey(text: string): string | undefined {
  if (!DAY_RE.test(text)) return undefined;
  return dayjs.utc(text).format('YYYY-MM-DD') === text ? text : undefined;
}

/** The day `n` calendar days after `key` (n may be negative). Pure date arithmetic, no time zone. */
export function shiftDay(key: string, n: number): string {
  return dayjs.utc(key).add(n, 'day').format('YYYY-MM-DD');
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(key: string): number {
  return dayjs.utc(key).day();
}

/** The last instant (23:59:59.999 Beijing time) of a day. */
export function endOfDay(key: string): Date {
  return dayjs.tz(`${key} 23:59:59.999`, TOWNSHIP_TZ).toDate();
}

/** The first instant (00:00 Beijing time) of a day. */
export function startOfDay(key: string): Date {
  return dayjs.tz(`${key} 00:00:00`, TOWNSHIP_TZ).toDate();
}

/** Whole calendar days from day `a` to day `b` (negative when b is before a). */
export function daysBetween(a: string, b: string): number {
  return dayjs.utc(b).diff(dayjs.utc(a), 'day');
}
