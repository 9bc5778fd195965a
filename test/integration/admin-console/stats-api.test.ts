import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminRouter } from '../../../src/admin/router.js';
import { SessionStore, TemplateStore, UserStore } from '../../../src/answers/store/index.js';
import { silentLogger } from '../../../src/logger.js';
import { loadRosterFile } from '../../../src/staff/index.js';
import { useTestDatabase } from '../../helpers/db.js';
import { ApiClient, PASSWORD } from '../admin/harness.js';
import { SEED_NOW, seedDecember } from './seed.js';

interface Row { key: string; label: string; count: number; previous?: number; drill: Record<string, string> | null }
interface CaseRow { key: string; label: string; opened: number; closedOnTime: number; closedLate: number; overdueOpen: number; extended: number; drill: Record<string, Record<string, string>> }

describe('统计: the month\'s figures from seeded turns and cases, drill-down and exports', () => {
  useTestDatabase('consolestats');
  const templatesDir = path.resolve('templates');
  let server: Server;
  let baseUrl = '';
  let leader: ApiClient;
  let stats: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  beforeAll(async () => {
    await loadRosterFile(path.join(templatesDir, 'roster.example.yml'));
    await seedDecember();
    const users = new UserStore();
    await users.create('领导', PASSWORD, ['leader']);
    await users.create('ed', PASSWORD, ['editor']);
    const app = new Koa();
    const router = createAdminRouter({ store: new TemplateStore({ validate: () => [], logger: silentLogger }), users, sessions: new SessionStore(), logger: silentLogger, templatesDir, now: () => SEED_NOW });
    app.use(router.routes()).use(router.allowedMethods());
    server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    leader = new ApiClient(baseUrl);
    expect((await leader.login('领导')).status).toBe(200);
    const r = await leader.call('GET', '/api/admin/stats?period=2026-12');
    expect(r.status).toBe(200);
    stats = r.body;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  const caseNumbers = async (drill: Record<string, string> | null) => {
    const r = await leader.call('GET', `/api/admin/cases?${new URLSearchParams(drill ?? {}).toString()}`);
    expect(r.status).toBe(200);
    return (r.body.cases as { number: string }[]).map((c) => c.number).sort();
  };

  it('compares December with the whole of November', () => {
    expect(stats.period).toMatchObject({ key: '2026-12', kind: 'month', label: '2026年12月', from: '2026-12-01', to: '2026-12-31', days: 31 });
    expect(stats.previous).toMatchObject({ key: '2026-11', from: '2026-11-01', to: '2026-11-30', label: '2026年11月' });
  });

  it('counts messages by day and channel (events excluded, edges of the month right)', () => {
    expect(stats.messages).toMatchObject({ total: 4, previous: 2, villagers: 3 });
    expect(stats.messages.byDay).toHaveLength(31);
    const day = (d: string) => stats.messages.byDay.find((x: { day: string }) => x.day === d);
    expect(day('2026-12-01')).toEqual({ day: '2026-12-01', total: 2, byChannel: { wechat: 2 } });
    expect(day('2026-12-31')).toEqual({ day: '2026-12-31', total: 1, byChannel: { web: 1 } });
    expect(day('2026-12-15')).toEqual({ day: '2026-12-15', total: 0, byChannel: {} });
    expect((stats.messages.byChannel as Row[]).map((r) => [r.label, r.count, r.previous])).toEqual([['网页', 2, 0], ['微信公众号', 2, 2]]);
  });

  it('shows what the bot could not answer, grouped by question', () => {
    expect(stats.unanswered).toMatchObject({ total: 3, logged: 3, fallbackTurns: 1, clarifyTurns: 1 });
    expect(stats.unanswered.questions[0]).toMatchObject({ text: '宅基地怎么批', count: 2, reasonLabel: '没有模板' });
    expect(stats.unanswered.questions[1]).toMatchObject({ text: '残疾证补办', count: 1, service: 'canji', reasonLabel: '没有听懂' });
    expect((stats.unanswered.byReason as Row[]).map((r) => [r.label, r.count])).toEqual([['没有模板', 2], ['没有听懂', 1]]);
  });

  it('counts cases on time, late, overdue and extended per office and per 首问责任人', () => {
    expect(stats.cases).toMatchObject({ opened: 3, closed: 2, closedOnTime: 1, closedLate: 1, overdueOpen: 2, extended: 1 });
    const office = (name: string) => (stats.cases.byOffice as CaseRow[]).find((r) => r.label === name);
    expect(office('民政办')).toMatchObject({ key: 'minzheng', opened: 2, closedOnTime: 1, closedLate: 1, overdueOpen: 1, extended: 0 });
    expect(office('劳动保障站')).toMatchObject({ key: 'laodong', opened: 1, closedOnTime: 0, closedLate: 0, overdueOpen: 1, extended: 1 });
    const person = (name: string) => (stats.cases.byFirstResponder as CaseRow[]).find((r) => r.label === name);
    expect(person('赵六')).toMatchObject({ key: 's04', office: '民政办', opened: 2, closedOnTime: 1, closedLate: 1, overdueOpen: 0 });
    expect(person('王五')).toMatchObject({ key: 's03', opened: 0, overdueOpen: 1 });
    expect((stats.matters.casesByVillage as Row[]).map((r) => [r.label, r.count])).toEqual([['东村', 2], ['西村', 1]]);
  });

  it('drills from each figure to exactly the cases behind it', async () => {
    const office = (key: string) => (stats.cases.byOffice as CaseRow[]).find((r) => r.key === key) as CaseRow;
    expect(await caseNumbers(office('minzheng').drill.opened ?? null)).toEqual(['T20261201-0001', 'T20261202-0001']);
    expect(await caseNumbers(office('minzheng').drill.closedLate ?? null)).toEqual(['T20261202-0001']);
    expect(await caseNumbers(office('minzheng').drill.closedOnTime ?? null)).toEqual(['T20261201-0001']);
    expect(await caseNumbers(office('minzheng').drill.overdueOpen ?? null)).toEqual(['T20261115-0001']);
    expect(await caseNumbers(office('laodong').drill.extended ?? null)).toEqual(['T20261210-0001']);
    expect(await caseNumbers(stats.cases.drill.overdueOpen)).toEqual(['T20261115-0001', 'T20261210-0001']);
    const village = (stats.matters.casesByVillage as Row[]).find((r) => r.label === '东村') as Row;
    expect(await caseNumbers(village.drill)).toEqual(['T20261201-0001', 'T20261202-0001']);
  });

  it('counts satisfaction (the later answer per case) and 约谈 held', () => {
    expect(stats.satisfaction).toMatchObject({ total: 2, satisfied: 1, partly: 1, unsatisfied: 0, rate: 1, previous: { total: 1, satisfied: 1 } });
    expect(stats.interviews).toMatchObject({ held: 1, booked: 1, list: [{ caseNumber: 'T20261202-0001', leader: '王五', office: '民政办' }] });
  });

  it('a quarter compares with the previous quarter; a bad period is refused in Chinese', async () => {
    const q = await leader.call('GET', '/api/admin/stats?period=2026-Q4');
    expect(q.body.previous).toMatchObject({ key: '2026-Q3', from: '2026-07-01', to: '2026-09-30' });
    expect((q.body.messages as { total: number }).total).toBe(7);
    const bad = await leader.call('GET', '/api/admin/stats?period=2026-13');
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toContain('2026-Q4');
    const ed = new ApiClient(baseUrl);
    await ed.login('ed');
    const refused = await ed.call('GET', '/api/admin/stats?period=2026-12');
    expect(refused.status).toBe(403);
    expect(refused.body.error?.message).toContain('分管领导');
  });

  it('exports the month\'s report as XLSX that opens with the same numbers', async () => {
    const res = await fetch(`${baseUrl}/api/admin/reports/export?month=2026-12&format=xlsx`, { headers: { cookie: leaderCookie() } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('一月一报-2026-12.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('概况');
    expect(summary?.getRow(1).values).toEqual([undefined, '项目', '本期（2026年12月）', '上期（2026年11月）']);
    expect(summary?.getRow(2).values).toEqual([undefined, '群众消息（条）', 4, 2]);
    const offices = wb.getWorksheet('科室办理情况');
    const rows = offices?.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
    expect(rows).toContainEqual(['民政办', 2, 1, 1, 1, 0]);
    expect(rows).toContainEqual(['劳动保障站', 1, 0, 0, 1, 1]);
    const questions = wb.getWorksheet('未能答复的问题');
    expect(questions?.getRow(2).getCell(1).value).toBe('宅基地怎么批');
    expect(questions?.getRow(2).getCell(2).value).toBe(2);
  });

  it('exports the cases as CSV with a BOM and proper quoting, masked', async () => {
    const res = await fetch(`${baseUrl}/api/admin/cases/export?office=${encodeURIComponent('民政办')}&format=csv`, { headers: { cookie: leaderCookie() } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]?.startsWith('编号,类型,状态,事项,科室')).toBe(true);
    expect(lines.filter((l) => l.startsWith('T2026') || l.startsWith('T2027'))).toHaveLength(4);
    expect(text).toContain('"低保评议不公开, 要求""复查"""');
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('李大明');
  });

  let cookie = '';
  function leaderCookie(): string {
    return cookie;
  }
  beforeAll(async () => {
    const res = await fetch(`${baseUrl}/api/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: '领导', password: PASSWORD }) });
    cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  });
});
