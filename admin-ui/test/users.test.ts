import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../../test/helpers/browser.js';
import { useTestDatabase } from '../../test/helpers/db.js';
import { ApiClient, PASSWORD, startAdmin, type AdminHarness } from '../../test/integration/admin/harness.js';
import { login, logout, openConsole, screenshot } from './helpers.js';

/**
 * Issue 12, 用户 (needs the user endpoints of src/admin/API.md): an admin creates 张三 with a Chinese name, and later
 * disables the account; 张三's open session ends at once and a new login is refused with a Chinese sentence.
 */
useTestDatabase('consoleusers');

let h: AdminHarness;
let browser: TestBrowser;
beforeAll(async () => {
  h = await startAdmin();
  browser = await launchBrowser();
}, 15 * 60_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe('用户 for an admin', () => {
  it('creates 张三, refuses a short password in Chinese, disables the account; 张三 then cannot log in', async () => {
    const page = await openConsole(browser.context, h.baseUrl);
    page.on('dialog', (d) => void d.accept());
    await login(page, 'root', PASSWORD);
    await page.click('#nav-users');
    await page.fill('#user-form input[name="username"]', '张三');
    await page.fill('#user-form input[name="displayName"]', '张三');
    await page.fill('#user-form input[name="password"]', 'short');
    await page.check('#user-form input[name="new-role"][value="staff"]');
    await page.click('#user-create');
    await page.waitForSelector('#user-form:has-text("密码至少 10 位")');
    expect(await h.users.get('张三')).toBeUndefined();
    await page.fill('#user-form input[name="password"]', PASSWORD);
    await page.click('#user-create');
    await page.waitForSelector('#user-rows tr[data-username="张三"]');

    const zhang = new ApiClient(h.baseUrl);
    expect((await zhang.login('张三')).status).toBe(200);
    expect((await zhang.call('GET', '/api/admin/me')).status).toBe(200);

    await page.click('#user-rows tr[data-username="张三"] button[data-action="edit"]');
    await page.click('#user-toggle');
    await page.waitForSelector('#user-rows tr[data-username="张三"] .user-state:has-text("已停用")');
    await screenshot(page, 'users');
    expect((await zhang.call('GET', '/api/admin/me')).status).toBe(401);

    await logout(page);
    await page.fill('#login-user', '张三');
    await page.fill('#login-pass', PASSWORD);
    await page.click('#login-submit');
    await page.waitForSelector('#login-error:has-text("停用")');
    expect(await page.locator('#who').count()).toBe(0);
    await page.close();
  }, 120_000);
});
