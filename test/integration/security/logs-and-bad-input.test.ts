import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TurnRecordModel } from '../../../src/conversations/turn-record.model.js';
import { startHostileBot, type HostileBot } from '../../../scripts/fuzz/bot.js';
import { FORBIDDEN_IN_LOGS, leaksIn } from '../../../scripts/fuzz/leaks.js';
import { FUZZ_SECRETS } from '../../../scripts/fuzz/targets.js';
import { ID_NUMBER, PHONE } from '../../../scripts/fuzz/values.js';
import { useTestDatabase } from '../../helpers/db.js';
import { oneBotPrivate, postOneBot, postQq, postTelegram, postWechat, qqC2c, telegramPrivate, wechatText } from './signed-requests.js';

/**
 * Issue 13, findings 1 and 5: every channel's failure paths, driven with a phone and an ID number
 * in the message, against the real bot whose platform APIs fail (Telegram 403, QQ/OneBot 500,
 * WeChat's window closed); the captured log must carry neither the raw digits nor any secret, and
 * authenticated but malformed input is a 400 logged at warn without a stack.
 */
useTestDatabase('hostile');

const PII = `我的电话${PHONE}，身份证${ID_NUMBER}，想问低保`;
let bot: HostileBot;
beforeAll(async () => { bot = await startHostileBot(); });
afterAll(async () => { await bot.close(); });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const parsed = () => bot.logLines.map((l) => JSON.parse(l) as { level: number; msg: string; err?: { stack?: string }; [k: string]: unknown });

async function waitForLog(pattern: RegExp, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!bot.logLines.some((l) => pattern.test(l))) {
    if (Date.now() > until) throw new Error(`no log line matching ${pattern}`);
    await sleep(50);
  }
}

describe('finding 1: the log cannot leak', () => {
  it('Telegram: a reply refused with 403 is logged without the token, the context or the villager’s digits', async () => {
    expect((await postTelegram(bot.url, telegramPrivate(880_000_101, 1, PII))).status).toBe(200);
    await bot.parts.gateway.close();
    await waitForLog(/Telegram refused the reply/);
    expect(bot.platform.callsTo('/sendMessage').length).toBeGreaterThan(0);
  });

  it('QQ: a passive reply the API refuses with 500 is logged masked', async () => {
    expect((await postQq(bot.url, qqC2c('qq-user-1', 'ROBOT1.0_pii1', PII))).status).toBe(200);
    await bot.parts.gateway.close();
    await waitForLog(/QQ turn or passive reply failed|qq.*failed/i);
  });

  it('OneBot and WeChat: the turn runs with the digits in it and the text is stored masked', async () => {
    expect((await postOneBot(bot.url, oneBotPrivate(880_000_102, 77_001, PII))).status).toBe(200);
    expect((await postWechat(bot.url, wechatText('o_pii_user', PII, '9100000000001'))).status).toBe(200);
    const turn = await TurnRecordModel.findById('wechat:9100000000001').lean();
    expect(turn?.maskedText).toContain('138****5678');
  });

  it('no log line carries a raw phone or ID number, the bot token or another secret', () => {
    expect(bot.logLines.length).toBeGreaterThan(5);
    expect(FORBIDDEN_IN_LOGS).toContain(FUZZ_SECRETS.telegram.token);
    expect(leaksIn(bot.logLines)).toEqual([]);
    // grammY's context and API client never reach the log, not even as an object
    expect(bot.logLines.filter((l) => /"ctx"|"api":\{|"update":\{/.test(l))).toEqual([]);
  });
});

describe('finding 5: authenticated but malformed input is a 400 with a warning, not a failed turn', () => {
  const badInputs: Array<[string, () => Promise<{ status: number }>]> = [
    ['WeChat with an empty MsgId', () => postWechat(bot.url, wechatText('o_bad_1', PII, ''))],
    ['WeChat with an empty FromUserName', () => postWechat(bot.url, wechatText('', PII, '9100000000002'))],
    ['OneBot with time 1e300', () => postOneBot(bot.url, oneBotPrivate(880_000_103, 77_002, PII, 1e300))],
    ['Telegram with entities [null]', () => postTelegram(bot.url, telegramPrivate(880_000_104, 2, PII, { entities: [null] }))],
  ];

  for (const [name, send] of badInputs) {
    it(`${name}: 400, a warn line without a stack, no error line, no turn stored`, async () => {
      const before = bot.logLines.length;
      const turnsBefore = await TurnRecordModel.countDocuments({});
      expect((await send()).status).toBe(400);
      await sleep(200);
      const lines = parsed().slice(before);
      expect(lines.some((l) => l.level === 40)).toBe(true);
      expect(lines.filter((l) => l.level >= 50)).toEqual([]);
      expect(lines.filter((l) => JSON.stringify(l).includes('"stack"'))).toEqual([]);
      expect(await TurnRecordModel.countDocuments({})).toBe(turnsBefore);
      expect(leaksIn(bot.logLines)).toEqual([]);
    });
  }
});
