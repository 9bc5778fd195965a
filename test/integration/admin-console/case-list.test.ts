import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminRouter } from '../../../src/admin/router.js';
import { SessionStore, TemplateStore, UserStore } from '../../../src/answers/store/index.js';
import { silentLogger } from '../../../src/logger.js';
import { loadRosterFile } from '../../../src/staff/index.js';
import { useTestDatabase } from '../../helpers/db.js';
import { ApiClient, PASSWORD } from '../admin/harness.js';
import { SEED_NOW, seedDecember } from './seed.js';

describe('the case list: search, Chinese filters, date range, paging; the detail with every field', () => {
  useTestDatabase('consolecases');
  const templatesDir = path.resolve('templates');
  let server: Server;
  let c: ApiClient;

  beforeAll(async () => {
    await loadRosterFile(path.join(templatesDir, 'roster.example.yml'));
    await seedDecember();
    const users = new UserStore();
    await users.create('s04', PASSWORD, ['staff']);
    const app = new Koa();
    const router = createAdminRouter({ store: new TemplateStore({ validate: () => [], logger: silentLogger }), users, sessions: new SessionStore(), logger: silentLogger, templatesDir, now: () => SEED_NOW });
    app.use(router.routes()).use(router.allowedMethods());
    server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
    c = new ApiClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await c.login('s04');
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  const list = async (query: Record<string, string>) => {
    const r = await c.call('GET', `/api/admin/cases?${new URLSearchParams(query).toString()}`);
    return { status: r.status, body: r.body, numbers: ((r.body.cases ?? []) as { number: string }[]).map((x) => x.number) };
  };

  it('filters by the office name as shown (民政办), kind and status labels', async () => {
    const r = await list({ office: '民政办' });
    expect(r.numbers.sort()).toEqual(['T20261115-0001', 'T20261201-0001', 'T20261202-0001', 'T20270102-0001']);
    expect(r.body.filters).toEqual({ office: { code: 'minzheng', name: '民政办' } });
    expect((await list({ office: 'minzheng', status: '已办结' })).numbers.sort()).toEqual(['T20261201-0001', 'T20261202-0001']);
    expect((await list({ kind: '网上咨询转办' })).numbers).toEqual(['T20261210-0001']);
    const unknown = await list({ office: '水利站' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.message).toMatch(/^没有找到名为“水利站”的科室。可选：.*民政办/);
  });

  it('searches by number, words, village and villager (rows stay masked), within a date range', async () => {
    expect((await list({ q: '20261210' })).numbers).toEqual(['T20261210-0001']);
    expect((await list({ q: '评议不公开' })).numbers).toEqual(['T20261201-0001']);
    expect((await list({ village: '西' })).numbers).toEqual(['T20261210-0001']);
    const byName = await list({ villager: '李大明' });
    expect(byName.numbers).toEqual(['T20261201-0001']);
    expect(JSON.stringify(byName.body)).not.toContain('李大明');
    expect((await list({ villager: '1381234' })).numbers).toEqual(['T20261201-0001']);
    expect((await list({ from: '2026-12-01', to: '2026-12-31' })).numbers).toEqual(['T20261210-0001', 'T20261202-0001', 'T20261201-0001']);
    expect((await list({ from: '2026-12-01', to: '2026-12-31', dateField: 'closed' })).numbers).toEqual(['T20261202-0001', 'T20261201-0001']);
    expect((await list({ firstResponder: '王五' })).numbers).toEqual(['T20261115-0001']);
    expect((await list({ overdue: '1' })).numbers).toEqual(['T20270102-0001', 'T20261210-0001', 'T20261115-0001']);
    const bad = await list({ from: '2026-02-30' });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toBe('日期“2026-02-30”不对，请写成 2026-12-01。');
  });

  it('pages: total, pages, newest first', async () => {
    const p1 = await list({ pageSize: '2' });
    expect(p1.body).toMatchObject({ total: 5, page: 1, pageSize: 2, pages: 3 });
    expect(p1.numbers).toEqual(['T20270102-0001', 'T20261210-0001']);
    const p3 = await list({ pageSize: '2', page: '3' });
    expect(p3.numbers).toEqual(['T20261115-0001']);
    expect((await list({ q: '没有这样的案件' })).body).toMatchObject({ cases: [], total: 0, pages: 1 });
  });

  it('the detail has every field in words, null (never "null") for what is missing, and the history', async () => {
    const r = await c.call('GET', '/api/admin/cases/T20261210-0001');
    expect(r.status).toBe(200);
    expect(r.body.case).toMatchObject({
      number: 'T20261210-0001', kindLabel: '网上咨询转办', statusLabel: '办理中', office: '劳动保障站', firstResponder: '孙八',
      village: '西村', overdue: true, extended: true, details: { village: '西村', what: '事项经过', who: null, wants: null }, closedAt: null,
    });
    expect(r.body.history).toEqual([expect.objectContaining({ action: 'create', actionLabel: '登记' })]);
    expect(r.body.extensions).toEqual([expect.objectContaining({ days: 5, decisionLabel: '已批准', decidedBy: '王五' })]);
    expect(JSON.stringify(r.body)).not.toContain('"null"');
    const missing = await c.call('GET', '/api/admin/cases/T20990101-0009');
    expect(missing.status).toBe(404);
    expect(missing.body.error?.message).toBe('没有找到案件“T20990101-0009”。');
  });
});
