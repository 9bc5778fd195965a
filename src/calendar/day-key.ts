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
/**
 * Beijing time is UTC+8 all year (no daylight saving since 1991), so the day of an instant is
 * plain arithmetic: the time-zone database is not consulted on every turn (it cost about 3 % of the
 * bot's CPU under load). Instants before 1992 are not expected here.
 */
const BEIJING_OFFSET_MS = 8 * 60 * 60_000;

/** The Shanghai calendar day 'YYYY-MM-DD' an instant falls on (a 'YYYY-MM-DD' string is taken as is). */
export function dayKey(input: DayInput): string {
  if (typeof input === 'string') {
    if (!DAY_RE.test(input)) throw new RangeError(`not a YYYY-MM-DD day: ${input}`);
    return input;
  }
  const t = input.getTime();
  if (Number.isNaN(t)) return 'Invalid Date'; // as dayjs formatted it before
  return new Date(t + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
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
  return new Date(`${key}T23:59:59.999+08:00`);
}

/** The first instant (00:00 Beijing time) of a day. */
export function startOfDay(key: string): Date {
  return new Date(`${key}T00:00:00+08:00`);
}

/** Whole calendar days from day `a` to day `b` (negative when b is before a). */
export function daysBetween(a: string, b: string): number {
  return dayjs.utc(b).diff(dayjs.utc(a), 'day');
}
