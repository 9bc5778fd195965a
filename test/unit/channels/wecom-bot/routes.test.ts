import { readFileSync } from 'node:fs';
import Koa from 'koa';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeAesKey, decryptMessage, encryptMessage, msgSignature } from '../../../../src/channels/wechat-official/crypto.js';
import { createWecomBotChannel, type WecomBotChannel } from '../../../../src/channels/wecom-bot/index.js';
import { stripBotMention } from '../../../../src/channels/wecom-bot/decode.js';
import { webhookBodies } from '../../../../src/channels/wecom-bot/encode.js';
import { listenLocal, startFakeApi, type FakeApi } from '../../../helpers/fake-platform-apis.js';

interface Vector { id: string; token: string; encodingAESKey: string; timestamp: string; nonce: string; msgSignature: string; encrypt: string; expected: { plaintext: string } }
const vectors = (JSON.parse(readFileSync(new URL('../../../fixtures/wechat/vectors.json', import.meta.url), 'utf8')) as { wx_decrypt: Vector[] }).wx_decrypt;
const official = vectors.find((v) => v.id === 'WECOM-PY-VERIFYURL');
if (!official) throw new Error('vector WECOM-PY-VERIFYURL missing');

const OWN = { token: 'ownBotToken', aesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR' };

let server: Awaited<ReturnType<typeof listenLocal>> | undefined;
let webhook: FakeApi | undefined;

afterEach(async () => {
  await server?.close();
  await webhook?.close();
  server = undefined;
  webhook = undefined;
});

async function serve(token: string, aesKey: string, answer?: (userid: string, text: string) => string | undefined): Promise<{ url: string; channel: WecomBotChannel }> {
  webhook = await startFakeApi(() => ({ body: { errcode: 0, errmsg: 'ok' } }));
  const channel = createWecomBotChannel({ WECOM_BOT_TOKEN: token, WECOM_BOT_ENCODING_AES_KEY: aesKey, WECOM_WEBHOOK_URL: `${webhook.url}/cgi-bin/webhook/send?key=k` });
  if (!channel) throw new Error('channel not configured');
  channel.room.onCommand((from, text) => Promise.resolve(answer?.(from.directoryId ?? '', text)));
  const app = new Koa();
  app.use(channel.router.routes());
  server = await listenLocal(app.callback());
  return { url: server.url, channel };
}

function signedPost(url: string, token: string, key: Buffer, message: object, receiveId = ''): Promise<Response> {
  const encrypt = encryptMessage(key, JSON.stringify(message), receiveId);
  const [timestamp, nonce] = ['1700000000', '556677'];
  return fetch(`${url}/wecom/bot?msg_signature=${msgSignature(token, timestamp, nonce, encrypt)}&timestamp=${timestamp}&nonce=${nonce}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ encrypt }),
  });
}

describe('企业微信 智能机器人 callback /wecom/bot', () => {
  it('passes the URL check with the official WeCom vector (WECOM-PY-VERIFYURL): the echostr decrypted, nothing else', async () => {
    const { url } = await serve(official.token, official.encodingAESKey);
    const query = `msg_signature=${official.msgSignature}&timestamp=${official.timestamp}&nonce=${official.nonce}&echostr=${encodeURIComponent(official.encrypt)}`;
    const res = await fetch(`${url}/wecom/bot?${query}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(official.expected.plaintext);
  });

  it('passes the URL check with an echostr of its own encryption (ReceiveId "")', async () => {
    const { url } = await serve(OWN.token, OWN.aesKey);
    const echo = '8426593372418290173';
    const encrypted = encryptMessage(decodeAesKey(OWN.aesKey), echo, '');
    const res = await fetch(`${url}/wecom/bot?msg_signature=${msgSignature(OWN.token, '1', '2', encrypted)}&timestamp=1&nonce=2&echostr=${encodeURIComponent(encrypted)}`);
    expect(await res.text()).toBe(echo);
  });

  it('refuses a URL check whose signature does not match (another nonce), saying nothing of the echostr', async () => {
    const { url } = await serve(official.token, official.encodingAESKey);
    const res = await fetch(`${url}/wecom/bot?msg_signature=${official.msgSignature}&timestamp=${official.timestamp}&nonce=47744684&echostr=${encodeURIComponent(official.encrypt)}`);
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain(official.expected.plaintext);
  });

  it('answers an @-mention with an encrypted stream reply the sender can decrypt', async () => {
    const seen: string[] = [];
    const { url } = await serve(OWN.token, OWN.aesKey, (userid, text) => { seen.push(`${userid}:${text}`); return `收到：${text}`; });
    const key = decodeAesKey(OWN.aesKey);
    const res = await signedPost(url, OWN.token, key, { msgid: 'm1', aibotid: 'b', chatid: 'c', chattype: 'group', from: { userid: 'ZhaoLiu' }, msgtype: 'text', text: { content: '@农廉助手 接单 0001' } });
    expect(res.status).toBe(200);
    const reply = (await res.json()) as { encrypt: string; msgsignature: string; timestamp: number; nonce: string };
    expect(reply.msgsignature).toBe(msgSignature(OWN.token, String(reply.timestamp), reply.nonce, reply.encrypt));
    expect(JSON.parse(decryptMessage(key, reply.encrypt, '').message)).toEqual({ msgtype: 'stream', stream: { id: 'answer-m1', finish: true, content: '收到：接单 0001' } });
    expect(seen).toEqual(['ZhaoLiu:接单 0001']);
    // WeCom calls again when it thinks it had no answer: the command runs once
    await signedPost(url, OWN.token, key, { msgid: 'm1', chattype: 'group', from: { userid: 'ZhaoLiu' }, msgtype: 'text', text: { content: '@农廉助手 接单 0001' } });
    expect(seen).toHaveLength(1);
  });

  it('refuses a callback with a bad signature, one sealed for another ReceiveId, and a body that is not the envelope', async () => {
    const seen: string[] = [];
    const { url } = await serve(OWN.token, OWN.aesKey, (u, t) => { seen.push(t); return 'x'; });
    const key = decodeAesKey(OWN.aesKey);
    const msg = { msgid: 'm2', chattype: 'group', from: { userid: 'ZhaoLiu' }, msgtype: 'text', text: { content: '接单 1' } };
    expect((await signedPost(url, 'another-token', key, msg)).status).toBe(401);
    expect((await signedPost(url, OWN.token, key, msg, 'ww1436e0e65a779aee')).status).toBe(401);
    expect((await fetch(`${url}/wecom/bot?msg_signature=x&timestamp=1&nonce=2`, { method: 'POST', body: '<xml/>' })).status).toBe(400);
    expect(seen).toEqual([]);
  });

  it('answers nothing to an image or a file (200, empty)', async () => {
    const { url } = await serve(OWN.token, OWN.aesKey, () => 'should not be asked');
    const res = await signedPost(url, OWN.token, decodeAesKey(OWN.aesKey), { msgid: 'm3', chattype: 'single', from: { userid: 'ZhaoLiu' }, msgtype: 'image', image: { url: 'https://x' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});

describe('企业微信 消息推送 bodies', () => {
  it('@-mentions by <@userid> (name for members without one) and splits a long post at line ends within 4096 bytes', () => {
    expect(webhookBodies('提醒：案件 T1', [{ handle: '赵六', directoryId: 'ZhaoLiu' }, { handle: '孙八' }])[0]?.markdown.content).toBe('<@ZhaoLiu> @孙八\n提醒：案件 T1');
    const long = Array.from({ length: 300 }, (_, i) => `T20260302-${String(i).padStart(4, '0')} 民政办 经办人 赵六（民政专干） 到期 2026-03-09 23:59`).join('\n');
    const bodies = webhookBodies(long);
    expect(bodies.length).toBeGreaterThan(1);
    for (const b of bodies) expect(Buffer.byteLength(b.markdown.content)).toBeLessThanOrEqual(4096);
    expect(bodies.map((b) => b.markdown.content).join('\n')).toBe(long);
  });

  it('strips the leading @-mention of the bot only', () => {
    expect(stripBotMention('@农廉助手 接单 T20260302-0001')).toBe('接单 T20260302-0001');
    expect(stripBotMention('@农廉助手')).toBe('');
    expect(stripBotMention('回复 1 请@村委会 联系')).toBe('回复 1 请@村委会 联系');
  });
});
