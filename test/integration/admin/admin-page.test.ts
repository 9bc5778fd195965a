import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../../helpers/browser.js';
import { useTestDatabase } from '../../helpers/db.js';
import { PASSWORD, startAdmin, type AdminHarness } from './harness.js';

useTestDatabase('adminpage');

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

async function login(page: Page, username: string): Promise<void> {
  await page.fill('#login-user', username);
  await page.fill('#login-pass', PASSWORD);
  await page.click('#login-submit');
  await page.waitForSelector('#who:has-text("' + username + '")');
}

describe('admin page in a real browser', () => {
  it('editor drafts and submits, reviewer approves, and the new text is published', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${h.baseUrl}/admin`);
    await expect(page.title()).resolves.toContain('模板管理');

    await login(page, 'alice');
    await page.click('#tpl-list li[data-key="service:dibao"]');
    await expect.poll(() => page.locator('#editor').inputValue()).toContain('低保申请');
    await page.fill('#editor', 'title: 低保\ntext: 低保申请：带户口本、身份证和收入证明，到村委会递交。\n');
    await page.fill('#reason', '补充材料清单');
    await page.click('#btn-preview');
    await page.waitForSelector('#pv-wechat:has-text("到村委会递交")');
    await page.screenshot({ path: '/tmp/admin-page.png', fullPage: true });
    await page.click('#btn-draft');
    const submit = page.locator('#history tr[data-version="2"] button[data-action="submit"]');
    await submit.click();
    await page.waitForSelector('#history tr[data-version="2"] .st.submitted');
    await page.click('#logout');
    await page.waitForSelector('#view-login:not(.hidden)');

    await login(page, 'bob');
    const card = page.locator('#review-list .card[data-key="service:dibao"][data-version="2"]');
    await expect(card.locator('pre.diff .added').first().textContent()).resolves.toContain('到村委会递交');
    await card.locator('input.review-comment').fill('材料齐全，同意');
    await card.locator('button[data-action="approve"]').click();
    await page.waitForSelector('#review-empty:not(.hidden)');

    expect(await h.store.published('service:dibao')).toEqual({ title: '低保', text: '低保申请：带户口本、身份证和收入证明，到村委会递交。' });
    const v2 = (await h.store.history('service:dibao')).find((v) => v.version === 2);
    expect(v2).toMatchObject({ status: 'published', author: 'alice', reviewer: 'bob', reviewComment: '材料齐全，同意', reason: '补充材料清单' });
    await page.close();
  });
});
