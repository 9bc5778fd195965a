import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarOverride, CalendarYear } from '../../src/calendar/index.js';
import { launchBrowser, type TestBrowser } from '../../test/helpers/browser.js';
import { useTestDatabase } from '../../test/helpers/db.js';
import { PASSWORD, startAdmin, type AdminHarness } from '../../test/integration/admin/harness.js';
import { login, logout, openConsole, screenshot } from './helpers.js';

useTestDatabase('admincalpage');

let h: AdminHarness;
let browser: TestBrowser;
beforeAll(async () => {
  h = await startAdmin();
  await h.users.create('lead01', PASSWORD, ['leader']);
  browser = await launchBrowser();
}, 15 * 60_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe('calendar section of the admin page', () => {
  it('an admin views 2027, enters a day, removes it and confirms the year; a leader only reads', async () => {
    const page = await openConsole(browser.context, h.baseUrl);
    page.on('dialog', (d) => void d.accept());
    await login(page, 'root', PASSWORD);
    await page.click('#nav-calendar');
    await page.fill('#cal-year', '2027');
    await page.click('#cal-year-form button[type=submit]');
    await page.waitForSelector('#cal-uncovered');

    for (const [date, note] of [['2027-02-05', '春节'], ['2027-02-08', '春节']] as const) {
      await page.fill('#cal-date', date);
      await page.selectOption('#cal-kind', 'holiday');
      await page.fill('#cal-note', note);
      await page.click('#cal-override-form button[type=submit]');
      await page.waitForSelector(`#cal-days tr[data-date="${date}"]`);
    }
    await page.locator('#cal-days tr[data-date="2027-02-08"] button').click();
    await page.waitForSelector('#cal-days tr[data-date="2027-02-08"]', { state: 'detached' });
    await page.fill('#cal-confirm-note', '国务院办公厅通知');
    await page.click('#cal-confirm');
    await page.waitForSelector('#cal-covered');

    expect((await CalendarOverride.find().lean()).map((o) => [o.date, o.kind, o.note, o.createdBy])).toEqual([['2027-02-05', 'holiday', '春节', 'root']]);
    expect(await CalendarYear.findOne({ year: 2027 }).lean()).toMatchObject({ confirmedBy: 'root', note: '国务院办公厅通知' });
    await screenshot(page, 'calendar');

    await logout(page);
    await login(page, 'lead01', PASSWORD);
    await page.click('#nav-calendar');
    await page.fill('#cal-year', '2027');
    await page.click('#cal-year-form button[type=submit]');
    await page.waitForSelector('#cal-days tr[data-date="2027-02-05"]');
    await expect(page.locator('#cal-days tr[data-date="2027-02-05"] button').count()).resolves.toBe(0);
    expect(await page.locator('#cal-override-form').count()).toBe(0);
    await page.close();
  }, 120_000);
});
