import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessLog } from '../../src/admin/cases.routes.js';
import { createAdminRouter } from '../../src/admin/router.js';
import { SessionStore, TemplateStore, UserStore } from '../../src/answers/store/index.js';
import { loadPackageHolidayData, WorkingCalendar } from '../../src/calendar/index.js';
import { CaseService, type CaseRecord } from '../../src/cases/index.js';
import { silentLogger } from '../../src/logger.js';
import { loadRosterFile } from '../../src/staff/index.js';
import { launchBrowser, type TestBrowser } from '../../test/helpers/browser.js';
import { useTestDatabase } from '../../test/helpers/db.js';
import { PASSWORD } from '../../test/integration/admin/harness.js';
import { login, openConsole, screenshot } from './helpers.js';

useTestDatabase('admincasespage');

let server: Server;
let baseUrl = '';
let browser: TestBrowser;
let c: CaseRecord;

beforeAll(async () => {
  const templatesDir = path.resolve('templates');
  await loadRosterFile(path.join(templatesDir, 'roster.example.yml'));
  const users = new UserStore();
  await users.create('s04', PASSWORD, ['staff']);
  const svc = CaseService.load(new WorkingCalendar(loadPackageHolidayData()), templatesDir);
  c = await svc.createCase({ kind: 'complaint', service: 'dibao', summary: '低保没回音，电话13812345678',
    complainant: { channel: 'web', userId: 'v1', name: '李大明', phone: '13812345678', anonymous: false } });
  const app = new Koa();
  const router = createAdminRouter({ store: new TemplateStore({ validate: () => [], logger: silentLogger }), users, sessions: new SessionStore(), logger: silentLogger });
  app.use(router.routes()).use(router.allowedMethods());
  server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 15 * 60_000);
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe('the cases section of the admin page', () => {
  it('lists cases masked; the first responder reveals the identity, and the view is logged', async () => {
    const page = await openConsole(browser.context, baseUrl);
    await login(page, 's04', PASSWORD);
    await page.click('#nav-cases');
    const row = page.locator(`#case-rows tr[data-number="${c.number}"]`);
    await expect(row.textContent()).resolves.toContain('李** 138****5678');
    expect(await page.locator('#view-cases').textContent()).not.toContain('李大明');
    await row.click();
    await page.waitForSelector('#case-detail:has-text("全部办理记录")');
    // the detail opens in view: its top is on screen, not 1,200 px below
    const top = await page.locator('#case-detail').evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(768);
    expect(await page.locator('#case-detail').textContent()).not.toContain('null');
    await page.click('#show-identity');
    await page.waitForSelector('#case-identity:has-text("李大明")');
    await screenshot(page, 'cases-detail');
    expect(await AccessLog.countDocuments({ caseNumber: c.number, username: 's04', granted: true })).toBe(1);
    await page.click('#nav-roster');
    await page.waitForSelector('#roster-list [data-office="minzheng"]:has-text("当前值班：赵六")');
    await screenshot(page, 'roster');
    await page.close();
  }, 120_000);
});
