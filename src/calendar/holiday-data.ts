import { createRequire } from 'node:module';
import { z } from 'zod';

/** Statutory holidays and adjusted working days (调休) as published by the State Council, per day 'YYYY-MM-DD'. */
export interface HolidayData {
  /** days off by notice (法定节假日 and the bridging days) */
  holidays: ReadonlySet<string>;
  /** weekend days that are working days by notice (调休上班) */
  workdays: ReadonlySet<string>;
  /** years the data describes in full */
  years: ReadonlySet<number>;
}

const fileSchema = z.object({
  holidays: z.record(z.string(), z.string()),
  workdays: z.record(z.string(), z.string()),
});

/**
 * Reads the `chinese-days` package data. We read its JSON rather than call its API because the API
 * silently answers "weekday rules" for years it has no notice for, and we must know when that happens.
 */
export function loadPackageHolidayData(): HolidayData {
  const require = createRequire(import.meta.url);
  const raw: unknown = require('chinese-days/dist/chinese-days.json');
  const parsed = fileSchema.parse(raw);
  const years = new Set<number>();
  for (const day of Object.keys(parsed.holidays)) years.add(Number(day.slice(0, 4)));
  return {
    holidays: new Set(Object.keys(parsed.holidays)),
    workdays: new Set(Object.keys(parsed.workdays)),
    years,
  };
}
