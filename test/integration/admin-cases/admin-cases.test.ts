import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminRouter } from '../../../src/admin/router.js';
import { AccessLog } from '../../../src/admin/cases.routes.js';
import { SessionStore, TemplateStore, UserStore } from '../../../src/answers/store/index.js';
import { loadPackageHolidayData, WorkingCalendar } from '../../../src/calendar/index.js';
import { CaseModel, CaseService, type CaseRecord } from '../../../src/cases/index.js';
import { silentLogger } from '../../../src/logger.js';
import { loadRosterFile } from '../../../src/staff/index.js';
import { useTestDatabase } from '../../helpers/db.js';
import { ApiClient, PASSWORD } from '../admin/harness.js';

const PHONE = '13812345678';
const ID_NUMBER = '110101199003071234';
const UNMASKED = /(?<!\d)(1[3-9]\d{9}|\d{17}[\dXx])(?!\d)/;

describe('admin case pages: list with filters, history, identity views on record', () => {
  useTestDatabase('admincases');
  let now = new Date('2026-03-02T10:00:00+08:00');
  const clock = () => now;
  const templatesDir = path.resolve('templates');
  const svc = CaseService.load(new WorkingCalendar(loadPackageHolidayData()), templatesDir, clock);
  let server: Server;
  let baseUrl = '';
  let dibao: CaseRecord;
  let shiye: CaseRecord;
  let handoff: CaseRecord;

  beforeAll(async () => {
    await loadRosterFile(path.join(templatesDir, 'roster.example.yml'));
    const users = new UserStore();
    for (const [name, roles] of [['root', ['admin']], ['s04', ['staff']], ['s06', ['staff']], ['s08', ['staff', 'discipline']], ['s12', ['staff']], ['ed', ['editor']]] as const) {
      await users.create(name, PASSWORD, [...roles]);
    }
    const complainant = (userId: string) => ({ channel: 'web', userId, name: '李大明', phone: PHONE, anonymous: false });
    dibao = await svc.createCase({ kind: 'complaint', service: 'dibao', summary: `我叫李大明，身份证${ID_NUMBER}，低保没回音`, complainant: complainant('v1') });
    shiye = await svc.createCase({ kind: 'complaint', service: 'shiye', summary: `失业登记 电话${PHONE}`, complainant: complainant('v2') });
    handoff = await svc.createCase({ kind: 'handoff', summary: '网上咨询：宅基地', complainant: complainant('v3') });
    await svc.take(dibao.number, 's04');
    await svc.transfer(dibao.number, 's04', 'laodong', '属失业问题');
    await svc.take(shiye.number, 's06');
    await svc.reply(shiye.number, 's06', `李大明您好，已收到，电话${PHONE}`);
    await svc.close(shiye.number, 's06', '已答复');
    now = new Date('2026-03-10T10:00:00+08:00'); // dibao (7 days) and handoff (5 working days) are now overdue
    const app = new Koa();
    const router = createAdminRouter({ store: new TemplateStore({ validate: () => [], logger: silentLogger }), users, sessions: new SessionStore(), logger: silentLogger, templatesDir, now: clock });
    app.use(router.routes()).use(router.allowedMethods());
    server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  async function as(user: string): Promise<ApiClient> {
    const c = new ApiClient(baseUrl);
    expect((await c.login(user)).status).toBe(200);
    return c;
  }
  const numbers = (body: Record<string, unknown>) => (body.cases as { number: string }[]).map((c) => c.number).sort();

  it('needs a login and a case role', async () => {
    expect((await new ApiClient(baseUrl).call('GET', '/api/admin/cases')).status).toBe(401);
    expect((await (await as('ed')).call('GET', '/api/admin/cases')).status).toBe(403);
  });

  it('lists cases with filters, identity masked', async () => {
    const c = await as('s12');
    const all = await c.call('GET', '/api/admin/cases');
    expect(all.status).toBe(200);
    expect(numbers(all.body)).toEqual([dibao.number, shiye.number, handoff.number].sort());
    expect(JSON.stringify(all.body)).not.toMatch(UNMASKED);
    expect(JSON.stringify(all.body)).not.toContain('李大明');
    expect(numbers((await c.call('GET', '/api/admin/cases?status=closed')).body)).toEqual([shiye.number]);
    expect(numbers((await c.call('GET', '/api/admin/cases?office=laodong')).body)).toEqual([dibao.number, shiye.number].sort());
    expect(numbers((await c.call('GET', '/api/admin/cases?kind=handoff')).body)).toEqual([handoff.number]);
    const overdue = await c.call('GET', '/api/admin/cases?overdue=1');
    expect(numbers(overdue.body)).toEqual([dibao.number, handoff.number].sort());
    expect((overdue.body.cases as { overdue: boolean; holder: string }[]).every((r) => r.overdue)).toBe(true);
  });

  it('flags and filters the cases that need a phone call (the number stays off the list)', async () => {
    await CaseModel.updateOne({ number: shiye.number }, { $set: { needsPhoneCall: true } });
    const c = await as('s12');
    const flagged = await c.call('GET', '/api/admin/cases?needsPhoneCall=1');
    expect(flagged.status).toBe(200);
    expect(numbers(flagged.body)).toEqual([shiye.number]);
    expect(flagged.body.cases).toEqual([expect.objectContaining({ number: shiye.number, needsPhoneCall: true })]);
    expect(JSON.stringify(flagged.body)).not.toMatch(UNMASKED);
    const all = (await c.call('GET', '/api/admin/cases')).body.cases as { number: string; needsPhoneCall: boolean }[];
    expect(all.filter((r) => r.needsPhoneCall).map((r) => r.number)).toEqual([shiye.number]);
    expect((await c.call('GET', `/api/admin/cases/${shiye.number}`)).body.case).toMatchObject({ needsPhoneCall: true });
    await CaseModel.updateOne({ number: shiye.number }, { $set: { needsPhoneCall: false } });
  });

  it('shows a case\'s whole history with who held it, masked', async () => {
    const r = await (await as('s12')).call('GET', `/api/admin/cases/${dibao.number}`);
    expect(r.status).toBe(200);
    const history = r.body.history as { action: string; holder: string | null; actorName: string }[];
    expect(history.map((h) => [h.action, h.holder])).toEqual([['create', null], ['assign', '赵六'], ['take', '赵六'], ['transfer', '孙八']]);
    expect(r.body.identityAllowed).toBe(false);
    expect(JSON.stringify(r.body)).not.toMatch(UNMASKED);
    expect((await (await as('s12')).call('GET', '/api/admin/cases/T20990101-0001')).status).toBe(404);
  });

  it('shows full identity only to the people on the case, discipline and admin, and logs every view', async () => {
    const path = `/api/admin/cases/${dibao.number}/identity`;
    const first = await (await as('s04')).call('GET', path); // first responder
    expect(first.status).toBe(200);
    expect(first.body.complainant).toMatchObject({ name: '李大明', phone: PHONE, channel: 'web', userId: 'v1' });
    expect((await (await as('s06')).call('GET', path)).status).toBe(200); // holder after the transfer
    expect((await (await as('s08')).call('GET', path)).status).toBe(200); // discipline
    expect((await (await as('root')).call('GET', path)).status).toBe(200);
    const refused = await (await as('s12')).call('GET', path);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toContain('李大明');
    const log = await AccessLog.find({ caseNumber: dibao.number }).sort({ at: 1 }).lean();
    expect(log.map((e) => [e.username, e.granted])).toEqual([['s04', true], ['s06', true], ['s08', true], ['root', true], ['s12', false]]);
    expect(log.every((e) => e.at.getTime() === now.getTime())).toBe(true);
    const viaApi = await (await as('s08')).call('GET', `/api/admin/cases/access-log?case=${dibao.number}`);
    expect((viaApi.body.entries as unknown[]).length).toBe(5);
    expect((await (await as('s12')).call('GET', '/api/admin/cases/access-log')).status).toBe(403);
  });

  it('shows the roster with who is on duty and the routing table', async () => {
    const r = await (await as('s12')).call('GET', '/api/admin/roster');
    expect(r.status).toBe(200);
    const offices = r.body.offices as { code: string; onDutyNow: { name: string } | null; members: { staffId: string }[] }[];
    expect(offices.find((o) => o.code === 'minzheng')).toMatchObject({ onDutyNow: { name: '赵六' } });
    expect(offices.find((o) => o.code === 'minzheng')?.members.map((m) => m.staffId)).toEqual(['s03', 's04']);
    expect((r.body.routing as { default: string }).default).toBe('dangzhengban');
  });
});
