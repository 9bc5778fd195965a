import dayjs from 'dayjs';
import { TOWNSHIP_TZ } from '../calendar/index.js';

/** 2026-12-05 14:30 in Beijing time: how the console, exports and print pages write an instant. */
export function beijingMinute(at: Date | string | null | undefined): string {
  if (!at) return '';
  return dayjs(at).tz(TOWNSHIP_TZ).format('YYYY-MM-DD HH:mm');
}

/** 2026-12-05 in Beijing time. */
export function beijingDate(at: Date | string | null | undefined): string {
  if (!at) return '';
  return dayjs(at).tz(TOWNSHIP_TZ).format('YYYY-MM-DD');
}
