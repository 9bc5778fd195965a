import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TurnRecordModel } from '../../../src/conversations/turn-record.model.js';
import { FUZZ_SECRETS } from '../../../scripts/fuzz/targets.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { useTestDatabase } from '../../helpers/db.js';
import { WechatTestClient } from '../../helpers/wechat-client.js';
import { postWechat, wechatText } from './signed-requests.js';

/**
 * Issue 13, finding 3: with an AES key configured, plaintext pushes are refused (unless
 * WECHAT_ALLOW_PLAINTEXT for the switch-over); a captured signed URL cannot be replayed with
 * another body or sender, while WeChat's own retry of the same body is answered from the dedup record.
 */
useTestDatabase('wxreplay');

const s = FUZZ_SECRETS.wechat;

/** POSTs a body to a signed path as it is (the captured query reused). */
async function sendRaw(base: string, path: string, body: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
  return { status: res.status, text: await res.text() };
}

describe('finding 3: WeChat with an AES key refuses plaintext', () => {
  let bot: TestBot;
  beforeAll(async () => { bot = await startTestBot({ WECHAT_TOKEN: s.token, WECHAT_APPID: s.appId, WECHAT_ENCODING_AES_KEY: s.aesKey }); });
  afterAll(async () => { await bot.close(); });

  it('a correctly signed plaintext push is refused (403) and no turn runs', async () => {
    const r = await postWechat(bot.url, wechatText('o_plain', '低保怎么申请', '9200000000001'), { plain: true });
    expect(r.status).toBe(403);
    expect(await TurnRecordModel.countDocuments({ messageId: '9200000000001' })).toBe(0);
  });

  // WECHAT_ALLOW_PLAINTEXT=true (the switch-over) is the router option allowPlaintext, on in test/unit/channels/wechat-official's harness
  it('the same message encrypted is answered', async () => {
    const r = await postWechat(bot.url, wechatText('o_plain', '低保怎么申请', '9200000000002'));
    expect(r.status).toBe(200);
    expect(await TurnRecordModel.countDocuments({ messageId: '9200000000002' })).toBe(1);
  });
});

describe('finding 3: in safe mode msg_signature ties a query to its ciphertext', () => {
  let bot: TestBot;
  const client = new WechatTestClient({ token: s.token, appId: s.appId, aesKey: s.aesKey, mode: 'safe' });
  beforeAll(async () => { bot = await startTestBot({ WECHAT_TOKEN: s.token, WECHAT_APPID: s.appId, WECHAT_ENCODING_AES_KEY: s.aesKey }); });
  afterAll(async () => { await bot.close(); });

  const send = (path: string, body: string) => sendRaw(bot.url, path, body);

  it('a captured URL with another ciphertext is refused (401), nothing stored; the same body again gets the first answer', async () => {
    const first = client.buildRequest(client.textXml('o_safe_victim', '五保怎么申请', '9310000000001'));
    const a = await send(first.path, first.body);
    expect(a.status).toBe(200);
    const forged = client.buildRequest(client.textXml('o_safe_forger', '冒充的消息', '9310000000002'));
    expect((await send(first.path, forged.body)).status).toBe(401);
    expect(await TurnRecordModel.countDocuments({ userId: 'o_safe_forger' })).toBe(0);
    const again = await send(first.path, first.body);
    expect(again.status).toBe(200);
    expect(client.parseReply(again.text)?.content).toBe(client.parseReply(a.text)?.content);
    expect(await TurnRecordModel.countDocuments({ messageId: '9310000000001' })).toBe(1);
  });
});

describe('finding 3: a signed query is good for one body', () => {
  let bot: TestBot;
  const client = new WechatTestClient({ token: s.token, mode: 'plaintext' });
  beforeAll(async () => { bot = await startTestBot({ WECHAT_TOKEN: s.token }); });
  afterAll(async () => { await bot.close(); });

  const send = (path: string, body: string) => sendRaw(bot.url, path, body);

  it('replaying a captured URL with other bodies and senders is refused (401), nothing stored', async () => {
    const first = client.buildRequest(client.textXml('o_victim', '低保怎么申请', '9300000000001'));
    expect((await send(first.path, first.body)).status).toBe(200);
    for (const [i, from] of ['o_forger_a', 'o_forger_b', 'o_forger_c'].entries()) {
      const forged = client.textXml(from, `冒充的消息${i}`, `930000000001${i}`);
      expect((await send(first.path, forged)).status).toBe(401);
    }
    expect(await TurnRecordModel.countDocuments({ userId: { $in: ['o_forger_a', 'o_forger_b', 'o_forger_c'] } })).toBe(0);
  });

  it('WeChat’s own retry (same URL, same body) gets the first answer again', async () => {
    const req = client.buildRequest(client.textXml('o_retry', '低保怎么申请', '9300000000002'));
    const a = await send(req.path, req.body);
    const b = await send(req.path, req.body);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(client.parseReply(b.text)?.content).toBe(client.parseReply(a.text)?.content);
    expect(await TurnRecordModel.countDocuments({ messageId: '9300000000002' })).toBe(1);
  });
});
