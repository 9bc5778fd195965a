import { readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminRouter } from '../../../src/admin/router.js';
import { ChecklistRecordModel } from '../../../src/answers/checklist-record.model.js';
import { SessionStore, UserStore } from '../../../src/answers/store/index.js';
import { createTemplateStore, seedEntries } from '../../../src/answers/template-registry.js';
import { silentLogger } from '../../../src/logger.js';
import { loadRosterFile } from '../../../src/staff/index.js';
import { useTestDatabase } from '../../helpers/db.js';
import { ApiClient, PASSWORD } from '../admin/harness.js';
import { beijing } from '../reports/fixtures.js';
import { SEED_NOW, seedDecember } from './seed.js';

const templatesDir = path.resolve('templates');

/** Counted straight from the files, independently of the code under test. */
function placeholdersInFiles(): number {
  const count = (file: string) => (readFileSync(file, 'utf8').replace(/^\s*#.*$/gm, '').match(/【待[^】]*】/g) ?? []).length;
  const services = readdirSync(path.join(templatesDir, 'services')).map((f) => count(path.join(templatesDir, 'services', f)));
  return services.reduce((a, b) => a + b, 0) + count(path.join(templatesDir, 'offices.yml')) + count(path.join(templatesDir, 'system.yml'));
}

describe('printable pages and the 待填写 list', () => {
  useTestDatabase('consoleprint');
  let server: Server;
  let staff: ApiClient;
  let editor: ApiClient;
  let leader: ApiClient;
  let baseUrl = '';

  beforeAll(async () => {
    await loadRosterFile(path.join(templatesDir, 'roster.example.yml'));
    await seedDecember();
    const store = createTemplateStore(templatesDir, silentLogger);
    await store.seedFromFiles(seedEntries(templatesDir));
    await ChecklistRecordModel.create({
      number: 'G20261203-0001', service: 'dibao', channel: 'wechat', userId: 'v1', kind: 'first', templateVersion: 'service:dibao@1',
      items: [{ id: 'application', name: '书面申请（写明申请救济的事由）' }, { id: 'hukou', name: '户口簿' }], parts: ['……'], createdAt: beijing('2026-12-03 09:30'),
    });
    const users = new UserStore();
    for (const [name, roles] of [['s04', ['staff']], ['ed', ['editor']], ['领导', ['leader']]] as const) await users.create(name, PASSWORD, [...roles]);
    const app = new Koa();
    const router = createAdminRouter({ store, users, sessions: new SessionStore(), logger: silentLogger, templatesDir, now: () => SEED_NOW });
    app.use(router.routes()).use(router.allowedMethods());
    server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    [staff, editor, leader] = [new ApiClient(baseUrl), new ApiClient(baseUrl), new ApiClient(baseUrl)];
    await staff.login('s04');
    await editor.login('ed');
    await leader.login('领导');
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  async function html(client: ApiClient, url: string): Promise<{ status: number; text: string; csp: string | null }> {
    const cookie = (client as unknown as { cookie: string }).cookie;
    const res = await fetch(`${baseUrl}${url}`, { headers: { cookie } });
    return { status: res.status, text: await res.text(), csp: res.headers.get('content-security-policy') };
  }

  it('prints a checklist record as a 一次性告知书 in duplicate, with number, date, items and office', async () => {
    const list = await staff.call('GET', '/api/admin/checklists?from=2026-12-01&to=2026-12-31');
    expect(list.body).toMatchObject({ total: 1, items: [{ number: 'G20261203-0001', serviceLabel: '最低生活保障（低保）', officeName: '镇民政办', kindLabel: '一次性告知' }] });
    const page = await html(staff, '/admin/print/checklist/G20261203-0001');
    expect(page.status).toBe(200);
    expect(page.csp).toContain("default-src 'none'");
    expect(page.text.match(/<section class="sheet">/g)).toHaveLength(2);
    expect(page.text).toContain('第一联　申请人留存');
    expect(page.text).toContain('第二联　经办单位存根');
    expect(page.text.match(/告知书编号：G20261203-0001/g)).toHaveLength(2);
    expect(page.text).toContain('告知日期：2026-12-03');
    expect(page.text).toContain('<li>户口簿</li>');
    expect(page.text).toContain('受理单位：镇民政办');
    expect(page.text).toContain('@media print');
    expect(page.text).not.toMatch(/(src|href)=["']https?:/);
    expect((await html(staff, '/admin/print/checklist/G20990101-0001')).status).toBe(404);
    expect((await fetch(`${baseUrl}/admin/print/checklist/G20261203-0001`)).status).toBe(401);
  });

  it('prints the monthly report with its figures and a place to sign', async () => {
    const page = await html(leader, '/admin/print/report?period=2026-12');
    expect(page.status).toBe(200);
    expect(page.text).toContain('2026年12月群众咨询梳理分析报告（一月一报）');
    expect(page.text).toContain('<td>群众消息（条）</td><td class="num">4</td><td class="num">2</td>');
    expect(page.text).toContain('分管领导（签字）');
    expect((await html(staff, '/admin/print/report?period=2026-12')).status).toBe(403);
  });

  it('lists every unfilled placeholder by service and office, with the count the files hold', async () => {
    const r = await editor.call('GET', '/api/admin/placeholders');
    expect(r.status).toBe(200);
    const expected = placeholdersInFiles();
    expect(expected).toBeGreaterThan(0);
    expect(r.body.total).toBe(expected);
    const groups = r.body.groups as { service: string | null; officeName: string | null; count: number; items: { path: string; text: string }[] }[];
    const dibao = groups.find((g) => g.service === 'dibao');
    expect(dibao).toMatchObject({ officeName: '镇民政办' });
    expect(dibao?.items.map((i) => i.text)).toContain('【待管理员填写：本县现行城乡低保标准（元/人·月）】');
    expect(groups.find((g) => g.service === null && g.officeName === '镇民政办')?.items.map((i) => i.path)).toContain('phone');
    expect((await editor.call('GET', '/api/admin/placeholders/count')).body).toEqual({ total: expected });
    expect((await staff.call('GET', '/api/admin/placeholders')).status).toBe(403);
  });
});
