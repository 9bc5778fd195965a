import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseModel } from '../../../src/cases/index.js';
import { TurnRecordModel } from '../../../src/conversations/turn-record.model.js';
import { loadRosterFile } from '../../../src/staff/index.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { launchBrowser, type TestBrowser } from '../../helpers/browser.js';
import { useTestDatabase } from '../../helpers/db.js';

useTestDatabase('webchatpage');

let bot: TestBot;
let browser: TestBrowser;
beforeAll(async () => {
  await loadRosterFile('templates/roster.example.yml');
  bot = await startTestBot();
  browser = await launchBrowser();
}, 15 * 60_000);
afterAll(async () => {
  await browser?.close();
  await bot?.close();
});

const bubbles = (page: Page, who: 'me' | 'bot') => page.locator(`#log .msg.${who} .bubble`).allTextContents();

async function say(page: Page, text: string): Promise<void> {
  const before = (await bubbles(page, 'bot')).length;
  await page.fill('#t', text);
  await page.press('#t', 'Enter');
  await expect.poll(() => page.locator('#log .msg.bot').count(), { timeout: 15_000 }).toBeGreaterThan(before);
}

describe('the web chat page in Chromium', () => {
  it('keeps the conversation across a reload, shows the greeting without sending it, and the intake carries on', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${bot.url}/chat`);
    await page.waitForSelector('#log .msg.bot');
    expect((await bubbles(page, 'bot'))[0]).toContain('阳光农廉助手');
    expect(await bubbles(page, 'me')).toEqual([]);

    await say(page, '我要投诉');
    await say(page, '村会计把我家的低保金扣了两个月 大王村 上个月 希望退还');
    expect((await bubbles(page, 'bot')).at(-1)).toContain('我核对一下');

    await page.reload();
    await expect.poll(() => page.locator('#log .msg.me').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const mine = await bubbles(page, 'me');
    expect(mine).toEqual(['我要投诉', '村会计把我家的低保金扣了两个月 大王村 上个月 希望退还']);
    expect((await bubbles(page, 'bot')).at(-1)).toContain('我核对一下');
    // the page never posted its greeting as the villager's words
    const userId = (await TurnRecordModel.findOne({ channel: 'web' }).lean())?.userId;
    expect(await TurnRecordModel.countDocuments({ channel: 'web', userId, text: '你好' })).toBe(0);

    await say(page, '对的 就这样');
    expect((await bubbles(page, 'bot')).at(-1)).toMatch(/已登记，编号 T\d{8}-\d{4}/);
    const record = await CaseModel.findOne({ 'complainant.userId': userId }).lean();
    expect(record?.details?.what).toBe('村会计把我家的低保金扣了两个月 大王村 上个月 希望退还');
    expect(record?.details?.what).not.toContain('你好');
  });

  it('opens a long reply at its first line', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 800, height: 500 });
    await page.goto(`${bot.url}/chat`);
    await page.waitForSelector('#log .msg.bot');
    const before = (await bubbles(page, 'bot')).length;
    await say(page, '低保怎么申请，一次性告知');
    const bots = page.locator('#log .msg.bot');
    const first = await bots.nth(before).boundingBox();
    const last = await bots.last().boundingBox();
    const log = await page.locator('#log').boundingBox();
    if (!first || !last || !log) throw new Error('the reply is not on screen');
    expect(await bots.nth(before).textContent()).toContain('一次性告知');
    expect(last.y + last.height - first.y).toBeGreaterThan(log.height); // longer than the window: where it opens matters
    // the reply's first line is at the top of the chat window, not scrolled past
    expect(first.y - log.y).toBeGreaterThanOrEqual(0);
    expect(first.y - log.y).toBeLessThan(40);
  });
});
