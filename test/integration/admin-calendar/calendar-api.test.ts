import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayKey, readCalendarSignal, WorkingCalendar } from '../../../src/calendar/index.js';
import { useTestDatabase } from '../../helpers/db.js';
import { ApiClient, PASSWORD, startAdmin, type AdminHarness } from '../admin/harness.js';

// An illustrative 2027 Spring Festival notice as an admin would enter it (test data, not the real notice):
// 2月5日（周五）至11日（周四）放假，2月13日（周六）上班.
const SPRING_OFF = ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'];
const SPRING_ON = '2027-02-13';
const receivedOn = new Date('2027-02-04T10:00:00+08:00');

describe('admin calendar API: corrections reach every bot instance', () => {
  useTestDatabase('admincal');
  let h: AdminHarness;
  let root: ApiClient;
  /** the calendar another bot instance loaded at its start */
  let other: WorkingCalendar;

  beforeAll(async () => {
    h = await startAdmin();
    await h.users.create('lead01', PASSWORD, ['leader']);
    await h.users.create('staff01', PASSWORD, ['staff']);
    root = new ApiClient(h.baseUrl);
    expect((await root.login('root')).status).toBe(200);
    other = await WorkingCalendar.load();
  });
  afterAll(async () => h.close());

  const dueOf = (cal: WorkingCalendar) => {
    const d = cal.addWorkingDays(receivedOn, 3);
    return { due: dayKey(d.due), covered: d.covered };
  };

  it('refuses the anonymous (401), non-calendar roles (403) and writes by leader or staff (403)', async () => {
    const anon = new ApiClient(h.baseUrl);
    expect((await anon.call('GET', '/api/admin/calendar?year=2027')).status).toBe(401);
    expect((await anon.call('POST', '/api/admin/calendar/overrides', { date: '2027-02-05', kind: 'holiday' })).status).toBe(401);

    const editor = new ApiClient(h.baseUrl);
    await editor.login('alice');
    expect((await editor.call('GET', '/api/admin/calendar?year=2027')).status).toBe(403);

    for (const name of ['lead01', 'staff01']) {
      const c = new ApiClient(h.baseUrl);
      await c.login(name);
      expect((await c.call('GET', '/api/admin/calendar?year=2027')).status).toBe(200);
      const post = await c.call('POST', '/api/admin/calendar/overrides', { date: '2027-02-05', kind: 'holiday' });
      expect(post.status).toBe(403);
      expect(post.body.error?.code).toBe('forbidden');
      expect((await c.call('POST', '/api/admin/calendar/years/2027/confirm')).status).toBe(403);
    }
    expect((await root.call('GET', '/api/admin/calendar?year=2027')).body.overrides).toEqual([]);
  });

  it('needs the CSRF token for every change', async () => {
    const r = await root.call('POST', '/api/admin/calendar/overrides', { date: '2027-02-05', kind: 'holiday' }, { csrf: false });
    expect(r.status).toBe(403);
    expect(r.body.error?.code).toBe('csrf');
    expect((await root.call('POST', '/api/admin/calendar/years/2027/confirm', {}, { csrf: false })).status).toBe(403);
    expect((await root.call('DELETE', '/api/admin/calendar/overrides/2027-02-05', undefined, { csrf: false })).status).toBe(403);
    expect((await root.call('GET', '/api/admin/calendar?year=2027')).body.overrides).toEqual([]);
  });

  it('answers 400 to days that are not real YYYY-MM-DD days, bad kinds and bad years', async () => {
    for (const date of ['2027-02-30', '2027-2-5', '2027-13-01', 'tomorrow', 20270205, '']) {
      const r = await root.call('POST', '/api/admin/calendar/overrides', { date, kind: 'holiday' });
      expect(r.status, String(date)).toBe(400);
      expect(r.body.error?.code).toBe('bad_date');
    }
    expect((await root.call('POST', '/api/admin/calendar/overrides', { date: '2027-02-05', kind: 'weekend' })).status).toBe(400);
    expect((await root.call('DELETE', '/api/admin/calendar/overrides/2027-02-30')).status).toBe(400);
    expect((await root.call('GET', '/api/admin/calendar?year=27')).status).toBe(400);
    expect((await root.call('POST', '/api/admin/calendar/years/abcd/confirm')).status).toBe(400);
    expect((await root.call('GET', '/api/admin/calendar?year=2027')).body.overrides).toEqual([]);
  });

  it('2027 Spring Festival entered and the year confirmed: the other instance skips those days and the deadline is covered', async () => {
    expect(dueOf(other)).toEqual({ due: '2027-02-09', covered: false });
    const before = await readCalendarSignal();

    for (const date of SPRING_OFF) {
      const r = await root.call('POST', '/api/admin/calendar/overrides', { date, kind: 'holiday', note: '春节' });
      expect(r.status).toBe(201);
    }
    expect((await root.call('POST', '/api/admin/calendar/overrides', { date: SPRING_ON, kind: 'workday', note: '春节调休上班' })).status).toBe(201);
    expect(await readCalendarSignal()).not.toBe(before);

    expect(dueOf(other)).toEqual({ due: '2027-02-09', covered: false }); // not refreshed yet
    expect(await other.refreshIfChanged()).toBe(true);
    expect(dueOf(other)).toEqual({ due: '2027-02-15', covered: false }); // days skipped; year not confirmed yet

    const confirmed = await root.call('POST', '/api/admin/calendar/years/2027/confirm', { note: '国务院办公厅2027年节假日安排' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ year: 2027, covered: true, coveredBy: 'confirmed', confirmation: { confirmedBy: 'root' } });
    expect(await other.refreshIfChanged()).toBe(true);
    expect(dueOf(other)).toEqual({ due: '2027-02-15', covered: true });
    expect(await other.refreshIfChanged()).toBe(false); // nothing changed since

    const staff = new ApiClient(h.baseUrl);
    await staff.login('staff01');
    const view = await staff.call('GET', '/api/admin/calendar?year=2027');
    expect(view.body).toMatchObject({ year: 2027, covered: true });
    const days = view.body.days as { date: string; kind: string; source: string }[];
    expect(days.map((d) => d.date)).toEqual([...SPRING_OFF, SPRING_ON]);
    expect(days[0]).toMatchObject({ date: '2027-02-05', kind: 'holiday', source: 'override', weekday: 5 });
    const overrides = view.body.overrides as { date: string; createdBy: string; note: string; updatedAt: string }[];
    expect(overrides).toHaveLength(8);
    expect(overrides[0]).toMatchObject({ date: '2027-02-05', kind: 'holiday', createdBy: 'root', note: '春节' });
    expect(Number.isNaN(Date.parse(overrides[0]?.updatedAt ?? ''))).toBe(false);
  });

  it('removing an override changes the other instance back', async () => {
    const r = await root.call('DELETE', '/api/admin/calendar/overrides/2027-02-11');
    expect(r.status).toBe(200);
    expect(other.isWorkingDay('2027-02-11')).toBe(false);
    expect(await other.refreshIfChanged()).toBe(true);
    expect(other.isWorkingDay('2027-02-11')).toBe(true);
    expect(dueOf(other)).toEqual({ due: '2027-02-13', covered: true });
    expect((await root.call('DELETE', '/api/admin/calendar/overrides/2027-02-11')).status).toBe(404);
    const view = await root.call('GET', '/api/admin/calendar?year=2027');
    expect((view.body.days as { date: string }[]).map((d) => d.date)).not.toContain('2027-02-11');
  });

  it('shows a year the package covers with its holidays and 调休 Saturdays', async () => {
    const view = await root.call('GET', '/api/admin/calendar?year=2026');
    expect(view.body).toMatchObject({ year: 2026, covered: true, coveredBy: 'package', overrides: [] });
    const days = view.body.days as { date: string; kind: string; source: string }[];
    expect(days).toContainEqual(expect.objectContaining({ date: '2026-02-14', kind: 'workday', source: 'package' }));
    expect(days).toContainEqual(expect.objectContaining({ date: '2026-10-01', kind: 'holiday', source: 'package' }));
  });
});
