import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseModel, type CaseRecord } from '../../src/cases/index.js';
import { loadRosterFile } from '../../src/staff/index.js';
import { startTestBot, type TestBot } from '../../test/helpers/bot.js';
import { launchBrowser, type TestBrowser } from '../../test/helpers/browser.js';
import { useTestDatabase } from '../../test/helpers/db.js';
import { startFakeWechatApi, type FakeWechatApi } from '../../test/helpers/fake-wechat-api.js';
import { WECHAT, WechatVillager } from '../../test/integration/case-lifecycle/parties.js';
import { adminApi, login, openConsole, screenshot } from './helpers.js';

/**
 * Issue 12, 案件 for staff (needs the case search and actions of src/admin/API.md): a villager complains on WeChat,
 * the holder finds the case by the villager's name, takes it and replies from the page, and the villager receives
 * the reply as a WeChat customer-service message.
 */
const ADMIN_PASSWORD = 'bootstrap admin password for cases';
const PASSWORD = 'staff password long enough';
const NAME = '李大明';
const PHONE = '13812345678';
const ANSWER = '您的低保申请已收到，本周五前入户核查，请家里留人。';

useTestDatabase('consolecase');

let api: FakeWechatApi;
let bot: TestBot;
let browser: TestBrowser;
let villager: WechatVillager;
beforeAll(async () => {
  await loadRosterFile('templates/roster.example.yml');
  api = await startFakeWechatApi();
  bot = await startTestBot({
    WECHAT_TOKEN: WECHAT.token, WECHAT_APPID: WECHAT.appId, WECHAT_ENCODING_AES_KEY: WECHAT.aesKey,
    WECHAT_APPSECRET: WECHAT.secret, WECHAT_API_BASE: api.url, ADMIN_PASSWORD,
  });
  villager = new WechatVillager(bot.url, api, 'o_console_case');
  browser = await launchBrowser();
}, 15 * 60_000);
afterAll(async () => {
  await browser?.close();
  await bot?.close();
  await api?.close();
});

describe('案件 for staff', () => {
  it('finds a villager\'s case, takes it and replies from the page; the villager receives the reply', async () => {
    expect(await villager.say('我要投诉 大王村低保申请交上去三个月了一直没人来核查')).toContain('您希望怎么处理');
    await villager.say(`希望尽快核查 我叫${NAME} 电话${PHONE}`);
    const done = await villager.say('确认');
    const number = /T\d{8}-\d{4,}/.exec(done)?.[0] ?? '';
    expect(number).not.toBe('');
    const c = await CaseModel.findOne({ number }).lean<CaseRecord>();
    expect(c?.holderId).toBeTruthy();
    const holderId = c!.holderId!;

    // a Chinese username, linked to the roster member who holds the case
    const asAdmin = await adminApi(bot.url, 'admin', ADMIN_PASSWORD);
    expect((await asAdmin('POST', '/api/admin/users', { username: '经办人甲', displayName: '经办人甲', password: PASSWORD, roles: ['staff'], staffId: holderId })).status).toBe(201);

    const page = await openConsole(browser.context, bot.url);
    await login(page, '经办人甲', PASSWORD);
    await page.click('#nav-cases');
    await page.fill('#case-filter input[name="villager"]', NAME);
    await page.click('#case-search');
    const row = page.locator(`#case-rows tr[data-number="${number}"]`);
    await expect.poll(() => page.locator('#case-rows tbody tr').count()).toBe(1);
    expect(await row.textContent()).toContain('李**');
    expect(await page.locator('#cases').textContent()).not.toContain(NAME);
    await screenshot(page, 'cases-search');

    await row.click();
    await page.click('#case-actions button[data-action="take"]');
    await page.click('#action-submit');
    await page.waitForSelector('#action-form', { state: 'detached' });
    await page.waitForSelector('#case-history:has-text("接单")');
    await page.click('#case-actions button[data-action="reply"]');
    await page.fill('#action-form textarea[name="text"]', ANSWER);
    await page.click('#action-submit');
    await page.waitForSelector(`#case-replies:has-text("${ANSWER}")`);
    await screenshot(page, 'cases-detail-actions');

    expect(await villager.waitForPushed((t) => t.includes(ANSWER))).toContain(number);
    const after = await CaseModel.findOne({ number }).lean<CaseRecord>();
    expect(after?.history.map((h) => [h.action, h.actor]).slice(-2)).toEqual([['take', holderId], ['reply', holderId]]);
    expect(after?.replies.at(-1)?.text).toBe(ANSWER);
    await page.close();
  }, 180_000);
});
