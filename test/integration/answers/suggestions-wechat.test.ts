import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordSuggestion, SuggestionModel } from '../../../src/answers/suggestion.model.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { useTestDatabase } from '../../helpers/db.js';
import { WechatTestClient } from '../../helpers/wechat-client.js';

const TOKEN = 'suggesttoken';
let seq = 7_100_000_000_000_000;

describe('suggestions and contacts over /wechat, stored on the real DB', () => {
  useTestDatabase('answers_suggestions');
  let bot: TestBot;
  const client = new WechatTestClient({ token: TOKEN, mode: 'plaintext' });
  beforeAll(async () => { bot = await startTestBot({ WECHAT_TOKEN: TOKEN }); });
  afterAll(async () => { await bot.close(); });

  async function send(openId: string, text: string, msgId: string): Promise<string> {
    const req = client.buildRequest(client.textXml(openId, text, msgId));
    const res = await fetch(`${bot.url}${req.path}`, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: req.body });
    expect(res.status).toBe(200);
    return client.parseReply(await res.text())?.content ?? '';
  }

  it('stores a suggestion once, with the phone number masked, even when WeChat redelivers it', async () => {
    const msgId = String(seq++);
    const text = '建议把低保公示也发到微信群里 有事打我电话13812345678';
    const first = await send('o_suggest', text, msgId);
    expect(first).toContain('谢谢您的建议');
    const retry = await send('o_suggest', text, msgId);
    expect(retry).toContain('谢谢您的建议');

    const rows = await SuggestionModel.find({ channel: 'wechat', userId: 'o_suggest' }).lean();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.maskedText).toContain('138****5678');
    expect(rows[0]?.maskedText).not.toContain('13812345678');
    expect(rows[0]?.service).toBe('dibao');
    expect(rows[0]?.sourceMessageId).toBe(`wechat:${msgId}`);
  });

  it('a second suggestion (another message) is a second row; a redelivery reaching the store again adds none', async () => {
    await send('o_suggest2', '希望能延长下午的办公时间', String(seq++));
    const again = await recordSuggestion({ channel: 'wechat', userId: 'o_suggest2', maskedText: 'x', sourceMessageId: `wechat:${seq - 1}` });
    expect(again.created).toBe(false);
    await send('o_suggest2', '建议办事大厅设个老年人专窗', String(seq++));
    const rows = await SuggestionModel.find({ userId: 'o_suggest2' }).sort({ createdAt: 1 }).lean();
    expect(rows.map((r) => r.maskedText)).toEqual(['希望能延长下午的办公时间', '建议办事大厅设个老年人专窗']);
    expect(rows[0]?.service).toBeUndefined();
  });

  it('a rating with nothing pending is thanked and not stored as a suggestion', async () => {
    const reply = await send('o_rate', '好评', String(seq++));
    expect(reply).toContain('谢谢您的评价');
    expect(await SuggestionModel.countDocuments({ userId: 'o_rate' })).toBe(0);
  });

  it('answers contact on WeChat without the admin marker', async () => {
    const reply = await send('o_contact', '民政办电话多少', String(seq++));
    expect(reply).toContain('【镇民政办·联系方式】');
    expect(reply).toContain('请以镇民政办公布为准');
    expect(reply).not.toContain('待管理员填写');
  });
});
