import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TurnRecordModel } from '../../../src/conversations/turn-record.model.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { useTestDatabase } from '../../helpers/db.js';
import { WechatTestClient, type WechatRequest } from '../../helpers/wechat-client.js';

const system = parse(readFileSync('templates/system.yml', 'utf8')) as Record<string, string>;
const TOKEN = 'townshiptoken';
const APPID = 'wx5823bf96d3bd56c7';
const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';

async function post(bot: TestBot, req: WechatRequest): Promise<{ status: number; body: string }> {
  const res = await fetch(`${bot.url}${req.path}`, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: req.body });
  return { status: res.status, body: await res.text() };
}

describe('a villager on the WeChat official account, end to end', () => {
  useTestDatabase('wechat');
  let bot: TestBot;
  beforeAll(async () => {
    // all three modes on one account is the switch-over from plaintext: plaintext is otherwise refused with a key (issue 13)
    bot = await startTestBot({ WECHAT_TOKEN: TOKEN, WECHAT_APPID: APPID, WECHAT_ENCODING_AES_KEY: AES_KEY, WECHAT_ALLOW_PLAINTEXT: 'true' });
  });
  afterAll(async () => { await bot.close(); });

  for (const mode of ['plaintext', 'compatible', 'safe'] as const) {
    it(`gets the help menu in ${mode} mode, encrypted when the request was`, async () => {
      const client = new WechatTestClient({ token: TOKEN, appId: APPID, aesKey: AES_KEY, mode });
      const res = await post(bot, client.buildRequest(client.textXml(`o_${mode}`, '帮助', `7${mode.length}00000000000001`)));
      expect(res.status).toBe(200);
      const reply = client.parseReply(res.body);
      expect(reply?.content).toBe(system.help);
      expect(reply?.toUser).toBe(`o_${mode}`);
      expect(reply?.encrypted).toBe(mode !== 'plaintext');
      const row = await TurnRecordModel.findOne({ channel: 'wechat', userId: `o_${mode}` }).lean();
      expect(row?.replyParts).toEqual([system.help]);
    });
  }

  it('processes a retried MsgId once under concurrent delivery and answers each retry the same', async () => {
    const client = new WechatTestClient({ token: TOKEN, appId: APPID, aesKey: AES_KEY, mode: 'safe' });
    const xml = client.textXml('o_retry', '帮助', '24378291828371938');
    const results = await Promise.all([1, 2, 3, 4].map(() => post(bot, client.buildRequest(xml))));
    for (const r of results) {
      expect(r.status).toBe(200);
      expect(client.parseReply(r.body)?.content).toBe(system.help);
    }
    expect(await TurnRecordModel.countDocuments({ channel: 'wechat', messageId: '24378291828371938' })).toBe(1);
  });

  it('deduplicates a retried event by FromUserName + CreateTime', async () => {
    const client = new WechatTestClient({ token: TOKEN, mode: 'plaintext' });
    const xml = client.eventXml('o_sub', 'subscribe', undefined, 1763800000);
    const a = await post(bot, client.buildRequest(xml));
    const b = await post(bot, client.buildRequest(xml));
    expect(client.parseReply(a.body)?.content).toContain('阳光农廉助手');
    expect(client.parseReply(b.body)?.content).toBe(client.parseReply(a.body)?.content);
    expect(await TurnRecordModel.countDocuments({ channel: 'wechat', userId: 'o_sub' })).toBe(1);
  });

  it('refuses a bad signature with 401 and stores nothing', async () => {
    const client = new WechatTestClient({ token: TOKEN, appId: APPID, aesKey: AES_KEY, mode: 'safe' });
    const before = await TurnRecordModel.countDocuments();
    const res = await post(bot, client.buildRequest(client.textXml('o_bad', '帮助', '555'), { badMsgSignature: true }));
    expect(res.status).toBe(401);
    expect(await TurnRecordModel.countDocuments()).toBe(before);
  });

  it('stores a dialect message with its intent and service in the trace', async () => {
    const client = new WechatTestClient({ token: TOKEN, appId: APPID, aesKey: AES_KEY, mode: 'safe' });
    const res = await post(bot, client.buildRequest(client.textXml('o_dialect', '俺家想吃低包 咋个申请嘛', '9000000000000001')));
    expect(res.status).toBe(200);
    const row = await TurnRecordModel.findOne({ channel: 'wechat', messageId: '9000000000000001' }).lean();
    expect(row?.service).toBe('dibao');
    expect(['checklist', 'policy_query']).toContain(row?.intent);
    const classify = row?.trace.find((s) => s.step === 'classify');
    expect(classify?.outcome).toMatch(/dibao/);
  });

  it('reads Southwestern Mandarin and a sound-alike service name: 地保 好多钱 屋头 → a 低保 policy question, in the trace', async () => {
    const client = new WechatTestClient({ token: TOKEN, mode: 'plaintext' });
    const res = await post(bot, client.buildRequest(client.textXml('o_sichuan', '地保一个月好多钱嘛 我屋头三个人', '9000000000000002')));
    expect(res.status).toBe(200);
    expect(client.parseReply(res.body)?.content).toContain('低保');
    const row = await TurnRecordModel.findOne({ channel: 'wechat', messageId: '9000000000000002' }).lean();
    expect([row?.intent, row?.service]).toEqual(['policy_query', 'dibao']);
    const classify = row?.trace.find((s) => s.step === 'classify');
    expect(classify?.outcome).toMatch(/^policy_query\/dibao@[0-9.]+$/); // confident: no " (unsure)"
  });
});
