import type Router from '@koa/router';
import { calendarYearView, confirmYear, dayKey, parseDayKey, removeOverride, setOverride, type OverrideKind } from '../calendar/index.js';
import { identity, requireRole } from './auth.js';
import { adminError, readJson } from './http.js';

const KINDS: readonly OverrideKind[] = ['workday', 'holiday'];
const NOTE_MAX = 200;

function yearParam(value: unknown): number {
  const text = typeof value === 'string' ? value : '';
  const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
  if (!(year >= 2000 && year <= 2100)) throw adminError(400, 'bad_year');
  return year;
}

function dayParam(value: unknown): string {
  const day = typeof value === 'string' ? parseDayKey(value) : undefined;
  if (!day) throw adminError(400, 'bad_date', 'bad_override_day');
  return day;
}

function noteField(body: Record<string, unknown>): string {
  const note = body.note ?? '';
  if (typeof note !== 'string' || note.length > NOTE_MAX) throw adminError(400, 'bad_request', 'note_too_long', { max: NOTE_MAX });
  return note.trim();
}

/**
 * /api/admin/calendar: the statutory calendar per year and the admins' corrections (调休 and holidays
 * the package lacks). Every change raises the calendar change signal, so every instance reloads.
 */
export function registerCalendarRoutes(router: Router): void {
  const admin = requireRole('admin');
  router.get('/api/admin/calendar', requireRole('admin', 'leader', 'staff'), async (ctx) => {
    const year = ctx.query.year === undefined ? Number(dayKey(new Date()).slice(0, 4)) : yearParam(ctx.query.year);
    ctx.body = await calendarYearView(year);
  });
  router.post('/api/admin/calendar/overrides', admin, async (ctx) => {
    const body = await readJson(ctx);
    const date = dayParam(body.date);
    const kind = body.kind;
    if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) {
      throw adminError(400, 'bad_request', 'bad_override_kind');
    }
    const note = noteField(body);
    const by = identity(ctx).username;
    await setOverride(date, kind as OverrideKind, by, note);
    ctx.status = 201;
    ctx.body = { date, kind, note, createdBy: by };
  });
  router.delete('/api/admin/calendar/overrides/:date', admin, async (ctx) => {
    const date = dayParam(ctx.params.date);
    if (!(await removeOverride(date))) throw adminError(404, 'not_found', 'no_override', { date });
    ctx.body = { removed: date };
  });
  router.post('/api/admin/calendar/years/:year/confirm', admin, async (ctx) => {
    const year = yearParam(ctx.params.year);
    const note = noteField(await readJson(ctx));
    await confirmYear(year, identity(ctx).username, note);
    ctx.body = await calendarYearView(year);
  });
}
