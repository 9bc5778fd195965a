import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { WechatTestClient } from '../../../helpers/wechat-client.js';
import { post, startHarness, type Harness } from './routes-harness.js';

const fixture = (name: string): string => readFileSync(new URL(`../../../fixtures/wechat/${name}`, import.meta.url), 'utf8');
const NOW = 1_714_036_504_000;
const now = (): number => NOW;
const TOKEN = 'village-token';
const APPID = 'wx0123456789abcdef';
const AES_KEY = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR';
const OPENID = 'oVillager0001';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('GET /wechat URL verification', () => {
  it('echoes echostr raw for the official AAAAA example', async () => {
    h = await startHarness({ token: 'AAAAA', now });
    const res = await fetch(`${h.base}/wechat?signature=f464b24fc39322e44b38aa78f5edd27bd1441696&echostr=4375120948345356249&timestamp=1714036504&nonce=1514711492`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('4375120948345356249');
  });

  it('refuses a bad signature with 401', async () => {
    h = await startHarness({ token: 'AAAAA', now });
    const res = await fetch(`${h.base}/wechat?signature=f464b24fc39322e44b38aa78f5edd27bd1441697&echostr=4375120948345356249&timestamp=1714036504&nonce=1514711492`);
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('4375120948345356249');
  });
});

describe.each(['plaintext', 'compatible', 'safe'] as const)('POST /wechat round trip, %s mode', (mode) => {
  const client = new WechatTestClient({ token: TOKEN, appId: APPID, aesKey: AES_KEY, mode, now });

  it('hands the message to the turn and answers with the passive reply', async () => {
    h = await startHarness({ token: TOKEN, appId: APPID, encodingAesKey: AES_KEY, now });
    const { path, body } = client.buildRequest(client.textXml(OPENID, ' 低保 怎么办 ', '6054768590064713728'));
    const res = await post(h, path, body);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/xml/);
    expect(h.calls).toHaveLength(1);
    expect(h.calls[0]).toMatchObject({ channel: 'wechat', kind: 'text', text: ' 低保 怎么办 ', userId: OPENID, messageId: '6054768590064713728' });
    const reply = client.parseReply(res.text);
    expect(reply).toMatchObject({
      content: 'echo: 低保 怎么办 ', toUser: OPENID, fromUser: client.accountId,
      createTime: NOW / 1000, encrypted: mode !== 'plaintext',
    });
  });

  it('keeps MsgId "0012" and Content "0012" as strings', async () => {
    h = await startHarness({ token: TOKEN, appId: APPID, encodingAesKey: AES_KEY, now });
    const { path, body } = client.buildRequest(client.textXml(OPENID, '0012', '0012'));
    expect((await post(h, path, body)).status).toBe(200);
    expect(h.calls[0]?.messageId).toBe('0012');
    expect(h.calls[0]?.text).toBe('0012');
  });

  it('answers `success` when the turn has nothing to say', async () => {
    h = await startHarness({ token: TOKEN, appId: APPID, encodingAesKey: AES_KEY, now, answer: () => ({ reply: { parts: [] }, duplicate: false }) });
    const { path, body } = client.buildRequest(client.eventXml(OPENID, 'unsubscribe'));
    const res = await post(h, path, body);
    expect(res.text).toBe('success');
    expect(h.calls[0]).toMatchObject({ kind: 'event', event: { name: 'unsubscribe' }, messageId: `${OPENID}:${NOW / 1000}:unsubscribe` });
  });
});

describe('POST /wechat with the official encrypted samples', () => {
  it('compatible mode, WX-OA-PY: decrypts, checks the AppID, replies encrypted', async () => {
    const appId = 'wx2c2769f8efd9abc2';
    const aesKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    h = await startHarness({ token: 'spamtest', appId, encodingAesKey: aesKey, now: () => 1_409_735_669_000 });
    const query = 'signature=16120ec1b8dbb870f510d87ce6bc2463eae6ca1a&timestamp=1409735669&nonce=1320562132' +
      '&openid=oyORnuP8q7ou2gfYjqLzSIWZf0rs&encrypt_type=aes&msg_signature=5d197aaffba7e9b25a30732f161a50dee96bd5fa';
    const res = await post(h, `/wechat?${query}`, fixture('compatible-envelope.xml'));
    expect(res.status).toBe(200);
    expect(h.calls[0]).toMatchObject({ text: 'abcdteT', messageId: '6054768590064713728', userId: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs' });
    const client = new WechatTestClient({ token: 'spamtest', appId, aesKey, mode: 'compatible' });
    expect(client.parseReply(res.text)).toMatchObject({ content: 'echo:abcdteT', toUser: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs', fromUser: 'gh_10f6c3c3ac5a', encrypted: true });
  });

  it('safe mode, WX-DOC-AAAAA-SAFE: decrypts the debug_demo event', async () => {
    h = await startHarness({
      token: 'AAAAA', appId: 'wx134c8103faa5a59e', encodingAesKey: 'A'.repeat(43), now: () => 1_715_943_329_000,
      answer: () => ({ reply: { parts: [] }, duplicate: false }),
    });
    // the doc's plain signature for this request is not published; it is recomputed from its inputs
    const client = new WechatTestClient({ token: 'AAAAA', mode: 'plaintext' });
    const signature = new URL(client.verifyUrlPath('x', { timestamp: 1715943329, nonce: '1590219412' }), 'http://h').searchParams.get('signature') ?? '';
    const query = `signature=${signature}&timestamp=1715943329&nonce=1590219412&encrypt_type=aes&msg_signature=6c12a4205838198b8fa631b3220723bb07f1015c`;
    const res = await post(h, `/wechat?${query}`, fixture('safe-envelope.xml'));
    expect(res.status).toBe(200);
    expect(res.text).toBe('success');
    expect(h.calls[0]).toMatchObject({ kind: 'event', event: { name: 'debug_demo' }, userId: 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY' });
  });
});

describe('replies too long or too late for a passive reply', () => {
  const client = new WechatTestClient({ token: TOKEN, mode: 'plaintext', now });

  it('sends what fits under 2048 bytes and pushes the rest after the response', async () => {
    const part = '村'.repeat(300); // 900 bytes each: two fit (1802), a third would not (2704)
    const third = '三'.repeat(300);
    h = await startHarness({ token: TOKEN, now, answer: () => ({ reply: { parts: [part, part, third] }, duplicate: false }) });
    const { path, body } = client.buildRequest(client.textXml(OPENID, 'hi', '1'));
    const res = await post(h, path, body);
    expect(client.parseReply(res.text)?.content).toBe(`${part}\n\n${part}`);
    await expect.poll(() => h?.pushed).toEqual([{ userId: OPENID, parts: [third] }]);
  });

  it('answers `success` when the turn misses its deadline, then pushes the late reply', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    h = await startHarness({
      token: TOKEN, now, deadlineMs: 1,
      answer: async () => { await gate; return { reply: { parts: ['late answer'] }, duplicate: false }; },
    });
    const { path, body } = client.buildRequest(client.textXml(OPENID, 'slow', '2'));
    const res = await post(h, path, body);
    expect(res.text).toBe('success');
    expect(h.pushed).toEqual([]);
    release();
    await expect.poll(() => h?.pushed).toEqual([{ userId: OPENID, parts: ['late answer'] }]);
  });

  it('a failing turn is a 500 logged as an error', async () => {
    h = await startHarness({ token: TOKEN, now, answer: () => { throw new Error('pipeline exploded'); } });
    const { path, body } = client.buildRequest(client.textXml(OPENID, 'x', '3'));
    const res = await post(h, path, body);
    expect(res.status).toBe(500);
    expect(res.text).not.toContain('exploded');
    expect(h.logs.some((l) => l.level === 50)).toBe(true);
  });
});
