import type { Context } from 'koa';
import { monthPeriod, namedPeriod, periodOf, ReportPeriodError, type Period } from '../reports/index.js';
import { adminError } from './http.js';

function one(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v === '' ? undefined : v;
}

/** ?period=YYYY-MM|YYYY-Qn, ?month=YYYY-MM, or ?from=YYYY-MM-DD&to=YYYY-MM-DD; a Chinese 400 otherwise. */
export function periodFromQuery(ctx: Context): Period {
  const { period, month, from, to } = { period: one(ctx.query.period), month: one(ctx.query.month), from: one(ctx.query.from), to: one(ctx.query.to) };
  try {
    if (period) return namedPeriod(period);
    if (month && !from && !to) return monthPeriod(month);
    if (from && to) return periodOf(from, to);
  } catch (err) {
    if (err instanceof ReportPeriodError) throw adminError(400, 'bad_period', 'bad_period', {}, undefined, { cause: err });
    throw err;
  }
  throw adminError(400, 'bad_period');
}
