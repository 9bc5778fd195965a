import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarOverride, CalendarYear } from '../../../src/calendar/index.js';
import { launchBrowser, type TestBrowser } from '../../helpers/browser.js';
import { useTestDatabase } from '../../helpers/db.js';
import { PASSWORD, startAdmin, type AdminHarness } from '../admin/harness.js';

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

async function login(page: Page, username: string): Promise<void> {
  await page.fill('#login-user', username);
  await page.fill('#login-pass', PASSWORD);
  await page.click('#login-submit');
  await page.waitForSelector('#who:has-text("' + username + '")');
}

describe('calendar section of the admin page', () => {
  it('an admin views 2027, enters a day, removes it and confirms the year; a leader only reads', async () => {
    const page = await browser.context.newPage();
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${h.baseUrl}/admin`);
    await login(page, 'root');
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
    await page.screenshot({ path: '/tmp/admin-calendar.png', fullPage: true });

    await page.click('#logout');
    await login(page, 'lead01');
    await page.click('#nav-calendar');
    await page.fill('#cal-year', '2027');
    await page.click('#cal-year-form button[type=submit]');
    await page.waitForSelector('#cal-days tr[data-date="2027-02-05"]');
    await expect(page.locator('#cal-days tr[data-date="2027-02-05"] button').count()).resolves.toBe(0);
    await expect(page.locator('#cal-override-form').isVisible()).resolves.toBe(false);
    await page.close();
  });
});
