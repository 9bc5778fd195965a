import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TemplateVersionModel } from '../../../src/answers/store/template.model.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { launchBrowser, type TestBrowser } from '../../helpers/browser.js';
import { useTestDatabase } from '../../helpers/db.js';
import { WechatTestClient } from '../../helpers/wechat-client.js';

/**
 * Issue 4, the whole way round on the real bot: an editor changes one 低保 eligibility line in the
 * admin page (headless chromium), a second user approves it, and a villager asking on /wechat
 * reads the new sentence — and, before approval, still the old one.
 */
const TOKEN = 'townshiptoken';
const APPID = 'wx5823bf96d3bd56c7';
const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const ADMIN_PASSWORD = 'bootstrap admin password for e2e';
const STAFF_PASSWORD = 'staff password long enough';
const QUESTION = '低保申请需要什么条件';

const dibao = parse(readFileSync('templates/services/dibao.yml', 'utf8')) as { eligibility: string[] };
const OLD_LINE = dibao.eligibility[0] ?? '';
const NEW_LINE = '在本镇连续居住满一年的城乡居民家庭（E2E测试新句）。';

useTestDatabase('admine2e');

let bot: TestBot;
let browser: TestBrowser;
beforeAll(async () => {
  bot = await startTestBot({ WECHAT_TOKEN: TOKEN, WECHAT_APPID: APPID, WECHAT_ENCODING_AES_KEY: AES_KEY, ADMIN_PASSWORD });
  browser = await launchBrowser();
}, 15 * 60_000);
afterAll(async () => {
  await browser?.close();
  await bot?.close();
});

/** The admin API as one logged-in tab: keeps the session cookie and sends the CSRF header. */
async function adminApi(baseUrl: string, username: string, password: string) {
  const login = await fetch(`${baseUrl}/api/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async (method: string, path: string, body: unknown): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(`${baseUrl}${path}`, { method, headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };
}

let msgSeq = 0;
/** One villager question through /wechat in safe mode; returns the decrypted passive reply. */
async function askOnWechat(openId: string): Promise<string> {
  const wx = new WechatTestClient({ token: TOKEN, appId: APPID, aesKey: AES_KEY, mode: 'safe' });
  const req = wx.buildRequest(wx.textXml(openId, QUESTION, `88${Date.now()}${msgSeq++}`));
  const res = await fetch(`${bot.url}${req.path}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: req.body });
  expect(res.status).toBe(200);
  const reply = wx.parseReply(await res.text());
  expect(reply?.encrypted).toBe(true);
  return reply?.content ?? '';
}

async function login(page: Page, username: string): Promise<void> {
  await page.fill('#login-user', username);
  await page.fill('#login-pass', STAFF_PASSWORD);
  await page.click('#login-submit');
  await page.waitForSelector(`#who:has-text("${username}")`);
}

describe('admin page → review → WeChat answer, on the real bot', () => {
  it('publishes an edited 低保 eligibility line only after approval, and the villager then reads it', async () => {
    const asAdmin = await adminApi(bot.url, 'admin', ADMIN_PASSWORD);
    expect((await asAdmin('POST', '/api/admin/users', { username: 'editor1', password: STAFF_PASSWORD, roles: ['editor'] })).status).toBe(201);
    expect((await asAdmin('POST', '/api/admin/users', { username: 'reviewer1', password: STAFF_PASSWORD, roles: ['reviewer'] })).status).toBe(201);

    const before = await askOnWechat('o_villager_before');
    expect(before).toContain(OLD_LINE);
    expect(before).not.toContain(NEW_LINE);

    const page = await browser.context.newPage();
    await page.goto(`${bot.url}/admin`);
    await login(page, 'editor1');
    await page.click('#tpl-list li[data-key="service:dibao"]');
    await expect.poll(() => page.locator('#editor').inputValue()).toContain(OLD_LINE);
    const yaml = await page.locator('#editor').inputValue();
    expect(yaml.split(OLD_LINE)).toHaveLength(2); // the line occurs once: exactly one line changes
    await page.fill('#editor', yaml.replace(OLD_LINE, NEW_LINE));
    await page.fill('#reason', '端到端测试：改写一条申请条件');
    await page.click('#btn-preview');
    await page.waitForSelector(`#pv-wechat:has-text("${NEW_LINE}")`);
    await page.screenshot({ path: '/tmp/admin-e2e.png', fullPage: true });
    await page.click('#btn-draft');
    await page.locator('#history tr[data-version="2"] button[data-action="submit"]').click();
    await page.waitForSelector('#history tr[data-version="2"] .st.submitted');
    expect((await page.locator('#edit-problems').textContent())?.trim()).toBe('');
    await page.click('#logout');
    await page.waitForSelector('#view-login:not(.hidden)');

    // submitted but not approved: the bot still answers from the published version 1
    await new Promise((r) => setTimeout(r, 1_200)); // past one auto-refresh, so a leak of the draft would show
    const submitted = await askOnWechat('o_villager_submitted');
    expect(submitted).toContain(OLD_LINE);
    expect(submitted).not.toContain(NEW_LINE);

    await login(page, 'reviewer1');
    const card = page.locator('#review-list .card[data-key="service:dibao"][data-version="2"]');
    await expect(card.locator('pre.diff .added').first().textContent()).resolves.toContain(NEW_LINE);
    await card.locator('input.review-comment').fill('条件表述清楚，同意');
    await card.locator('button[data-action="approve"]').click();
    await page.waitForSelector('#review-empty:not(.hidden)');
    await page.close();

    // published: the bot refreshes its templates at most once a second
    let after = '';
    await expect.poll(async () => (after = await askOnWechat(`o_villager_after${msgSeq}`)), { timeout: 8_000, interval: 500 }).toContain(NEW_LINE);
    expect(after).not.toContain(OLD_LINE);
    for (const line of dibao.eligibility.slice(1)) expect(after).toContain(line.split('{')[0]);

    const versions = await TemplateVersionModel.find({ key: 'service:dibao' }).sort({ version: 1 }).lean();
    expect(versions.map((v) => [v.version, v.status])).toEqual([[1, 'superseded'], [2, 'published']]);
    expect(versions[1]).toMatchObject({ author: 'editor1', submittedBy: 'editor1', reviewer: 'reviewer1', reviewComment: '条件表述清楚，同意' });
  }, 120_000);
});
