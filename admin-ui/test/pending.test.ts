import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../../test/helpers/bot.js';
import { launchBrowser, type TestBrowser } from '../../test/helpers/browser.js';
import { useTestDatabase } from '../../test/helpers/db.js';
import { adminApi, login, logout, openConsole, screenshot } from './helpers.js';

/**
 * Issue 12, 待填写 (needs GET /placeholders of src/admin/API.md): the dashboard counts the unfilled placeholders,
 * the page lists them by service and office, 去填写 opens the service's form at its variables, and once the filled
 * value is approved the count goes down. Also: the form fits a tablet (no sideways scrolling at 768 px).
 */
const ADMIN_PASSWORD = 'bootstrap admin password for pending';
const PASSWORD = 'editor password long enough';
const AMOUNT = '每人每月 680 元';

useTestDatabase('consolepending');

let bot: TestBot;
let browser: TestBrowser;
beforeAll(async () => {
  bot = await startTestBot({ ADMIN_PASSWORD });
  const asAdmin = await adminApi(bot.url, 'admin', ADMIN_PASSWORD);
  expect((await asAdmin('POST', '/api/admin/users', { username: 'editor1', password: PASSWORD, roles: ['editor'] })).status).toBe(201);
  expect((await asAdmin('POST', '/api/admin/users', { username: 'reviewer1', password: PASSWORD, roles: ['reviewer'] })).status).toBe(201);
  browser = await launchBrowser();
}, 15 * 60_000);
afterAll(async () => {
  await browser?.close();
  await bot?.close();
});

describe('待填写 until zero', () => {
  it('counts, lists and leads to the form; an approved value lowers the count', async () => {
    const page = await openConsole(browser.context, bot.url);
    await login(page, 'editor1', PASSWORD);
    const before = Number(await page.locator('#tile-pending .tile-n').textContent());
    expect(before).toBeGreaterThan(0);
    expect(await page.locator('#pending-badge').textContent()).toBe(String(before));
    await screenshot(page, 'home');

    await page.click('#tile-pending');
    await page.waitForSelector('#pending-total');
    expect(await page.locator('#pending-total').textContent()).toBe(String(before));
    const dibao = page.locator('.pending-items[data-service="dibao"]');
    expect(await dibao.textContent()).toContain('【待管理员填写：本县现行城乡低保标准');
    await screenshot(page, 'pending');
    await dibao.locator('xpath=ancestor::section[1]').locator('a:has-text("去填写")').click();

    const row = page.locator('.placeholder-row.pending[data-key="standard_amount"]');
    await row.waitFor();
    await row.locator('textarea[name="placeholder-value"]').fill(AMOUNT);
    await page.fill('#tpl-reason', '填写本县低保标准');
    await page.click('#btn-preview');
    await page.waitForSelector(`#pv-wechat:has-text("${AMOUNT}")`);

    // a tablet in portrait: the form reflows instead of scrolling sideways
    await page.setViewportSize({ width: 768, height: 1024 });
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await screenshot(page, 'templates-tablet');
    await page.setViewportSize({ width: 1366, height: 768 });

    await page.click('#btn-draft');
    await page.locator('#history tr[data-version="2"] button[data-action="submit"]').click();
    await page.waitForSelector('#history tr[data-version="2"] .st.submitted');
    await logout(page);
    await login(page, 'reviewer1', PASSWORD);
    await page.click('#nav-review');
    await page.locator('#review-list [data-key="service:dibao"][data-version="2"] button[data-action="approve"]').click();
    await page.waitForSelector('#review-empty');
    await page.click('#nav-pending');
    await expect.poll(async () => Number(await page.locator('#pending-total').textContent()), { timeout: 8_000 }).toBe(before - 1);
    expect(await page.locator('#pending').textContent()).not.toContain('本县现行城乡低保标准');
    await page.close();
  }, 180_000);
});
