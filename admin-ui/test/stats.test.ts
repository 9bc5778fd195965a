import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPackageHolidayData, WorkingCalendar } from '../../src/calendar/index.js';
import { CaseService } from '../../src/cases/index.js';
import { loadRosterFile } from '../../src/staff/index.js';
import { startTestBot, type TestBot } from '../../test/helpers/bot.js';
import { launchBrowser, type TestBrowser } from '../../test/helpers/browser.js';
import { useTestDatabase } from '../../test/helpers/db.js';
import { WechatTestClient } from '../../test/helpers/wechat-client.js';
import { adminApi, login, openConsole, screenshot } from './helpers.js';

/**
 * Issue 12, 统计 for a leader (needs the statistics and export endpoints of src/admin/API.md): the month's charts show
 * the seeded turns and cases, a bar leads to the cases behind it, and the XLSX download holds the same figures.
 */
const TOKEN = 'statstoken';
const APPID = 'wx5823bf96d3bd56c7';
const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const ADMIN_PASSWORD = 'bootstrap admin password for stats';
const PASSWORD = 'leader password long enough';
const LEADER = '王书记';
const QUESTIONS = ['低保申请需要什么条件', '残疾证怎么办', '失业登记要带什么'];

useTestDatabase('consolestats');

let bot: TestBot;
let browser: TestBrowser;
const numbers: Record<string, string[]> = { minzheng: [], laodong: [] };

beforeAll(async () => {
  await loadRosterFile('templates/roster.example.yml');
  bot = await startTestBot({ WECHAT_TOKEN: TOKEN, WECHAT_APPID: APPID, WECHAT_ENCODING_AES_KEY: AES_KEY, ADMIN_PASSWORD });
  const wx = new WechatTestClient({ token: TOKEN, appId: APPID, aesKey: AES_KEY, mode: 'safe' });
  for (const [i, q] of QUESTIONS.entries()) {
    const req = wx.buildRequest(wx.textXml(`o_stats_${i}`, q, `66${Date.now()}${i}`));
    expect((await fetch(`${bot.url}${req.path}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: req.body })).status).toBe(200);
  }
  const cases = CaseService.load(new WorkingCalendar(loadPackageHolidayData()), path.resolve('templates'));
  for (const [service, village] of [['dibao', '大王村'], ['dibao', '小李村'], ['shiye', '大王村']] as const) {
    const c = await cases.createCase({ kind: 'complaint', service, summary: `${village}：${service} 的事一直没人回`, details: { village },
      complainant: { channel: 'web', userId: `v-${service}-${village}`, name: '李大明', phone: '13812345678', anonymous: false } });
    numbers[c.officeCode]?.push(c.number);
  }
  expect(numbers.minzheng).toHaveLength(2);
  expect(numbers.laodong).toHaveLength(1);
  const asAdmin = await adminApi(bot.url, 'admin', ADMIN_PASSWORD);
  expect((await asAdmin('POST', '/api/admin/users', { username: LEADER, displayName: LEADER, password: PASSWORD, roles: ['leader'] })).status).toBe(201);
  browser = await launchBrowser();
}, 15 * 60_000);
afterAll(async () => {
  await browser?.close();
  await bot?.close();
});

/** Every row of every sheet as plain values. */
async function sheetRows(file: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows: unknown[][] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v && typeof v === 'object' && 'result' in v ? (v as { result: unknown }).result : v)))));
  return rows;
}

describe('统计 for a leader', () => {
  it('shows the month in charts with the seeded numbers, drills from a bar to its cases, and exports XLSX', async () => {
    const page = await openConsole(browser.context, bot.url);
    await login(page, LEADER, PASSWORD);
    await page.click('#nav-stats');
    await page.waitForSelector('#chart-office svg');
    expect(await page.locator('#kpi-messages .kpi-v').textContent()).toBe(String(QUESTIONS.length));
    expect(await page.locator('#kpi-opened .kpi-v').textContent()).toBe('3');
    expect(await page.locator('#chart-office svg').textContent()).toContain('民政办');
    expect(await page.locator('#stats-period').textContent()).toMatch(/对比上期/);
    await screenshot(page, 'stats');

    // the data under the chart says the same
    await page.click('#chart-office-data summary');
    expect(await page.locator('#table-office tr[data-key="minzheng"] td[data-series="opened"]').textContent()).toBe('2');
    expect(await page.locator('#table-office tr[data-key="laodong"] td[data-series="opened"]').textContent()).toBe('1');

    // click the 民政办 登记 bar itself: ECharts tells where it is drawn
    await page.locator('#chart-office').scrollIntoViewIfNeeded();
    const at = await page.locator('#chart-office').evaluate((el) => {
      type Layout = { x: number; y: number; width: number; height: number };
      type Chart = {
        getOption(): { xAxis: { data: string[] }[] };
        getModel(): { getSeriesByIndex(i: number): { getData(): { getItemLayout(i: number): Layout } } };
      };
      const ec = (globalThis as unknown as { echarts: { getInstanceByDom(e: unknown): Chart } }).echarts;
      const chart = ec.getInstanceByDom(el);
      const index = chart.getOption().xAxis[0]!.data.findIndex((label) => label.includes('民政办'));
      const bar = chart.getModel().getSeriesByIndex(0).getData().getItemLayout(index); // series 0 = 登记
      const box = (el as unknown as { getBoundingClientRect(): { left: number; top: number } }).getBoundingClientRect();
      return { x: box.left + bar.x + bar.width / 2, y: box.top + bar.y + bar.height / 2 };
    });
    await page.mouse.click(at.x, at.y);
    await page.waitForSelector('#case-rows');
    expect(page.url()).toContain('#/cases?');
    await expect.poll(() => page.locator('#case-rows tbody tr').count()).toBe(2);
    const shown = await page.locator('#case-rows tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number')));
    expect(shown.sort()).toEqual([...numbers.minzheng!].sort());
    await screenshot(page, 'stats-drill-cases');

    await page.click('#nav-stats');
    await page.waitForSelector('#stats-xlsx');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#stats-xlsx')]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const rows = await sheetRows(await download.path());
    const officeRow = (name: string) => rows.find((r) => r.some((v) => typeof v === 'string' && v.includes(name)) && r.some((v) => typeof v === 'number'));
    expect(officeRow('民政办')).toContain(2);
    expect(officeRow('劳动保障站')).toContain(1);
    await page.close();
  }, 180_000);
});
