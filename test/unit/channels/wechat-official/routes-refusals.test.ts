import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WechatTestClient, type WechatMode } from '../../../helpers/wechat-client.js';
import { post, startHarness, type Harness } from './routes-harness.js';

const NOW = 1_714_036_504_000;
const now = (): number => NOW;
const TOKEN = 'village-token';
const APPID = 'wx0123456789abcdef';
const AES_KEY = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR';
const OPENID = 'oVillager0001';
const client = (mode: WechatMode): WechatTestClient => new WechatTestClient({ token: TOKEN, appId: APPID, aesKey: AES_KEY, mode, now });
const start = (extra: { maxBodyBytes?: number } = {}): Promise<Harness> =>
  startHarness({ token: TOKEN, appId: APPID, encodingAesKey: AES_KEY, now, ...extra });

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const warnings = (x: Harness): Array<Record<string, unknown>> => x.logs.filter((l) => l.level === 40);
const errors = (x: Harness): Array<Record<string, unknown>> => x.logs.filter((l) => (l.level as number) >= 50);

describe('requests that do not prove they come from WeChat: 401, turn never called', () => {
  it.each(['plaintext', 'compatible', 'safe'] as const)('bad signature (%s)', async (mode) => {
    h = await start();
    const c = client(mode);
    const { path, body } = c.buildRequest(c.textXml(OPENID, 'hi', '1'), { badSignature: true });
    expect((await post(h, path, body)).status).toBe(401);
    expect(h.calls).toEqual([]);
  });

  it.each(['compatible', 'safe'] as const)('bad msg_signature (%s)', async (mode) => {
    h = await start();
    const c = client(mode);
    const { path, body } = c.buildRequest(c.textXml(OPENID, 'hi', '1'), { badMsgSignature: true });
    expect((await post(h, path, body)).status).toBe(401);
    expect(h.calls).toEqual([]);
  });

  it('missing signature parameters', async () => {
    h = await start();
    expect((await post(h, '/wechat', client('plaintext').textXml(OPENID, 'hi', '1'))).status).toBe(401);
    expect(h.calls).toEqual([]);
  });

  it('ciphertext for another account (receiveId ≠ AppID)', async () => {
    h = await start();
    const c = client('safe');
    const { path, body } = c.buildRequest(c.textXml(OPENID, 'hi', '1'), { receiveId: 'wxffffffffffffffff' });
    expect((await post(h, path, body)).status).toBe(401);
    expect(h.calls).toEqual([]);
  });

  it.each([
    ['6 minutes old', NOW / 1000 - 360],
    ['6 minutes ahead', NOW / 1000 + 360],
  ])('a correctly signed but stale timestamp (%s)', async (_name, ts) => {
    h = await start();
    const c = client('plaintext');
    const { path, body } = c.buildRequest(c.textXml(OPENID, 'hi', '1'), { timestamp: ts });
    const res = await post(h, path, body);
    expect(res.status).toBe(401);
    expect(res.text).toBe('stale timestamp');
    expect(h.calls).toEqual([]);
  });

  it('a timestamp 4 minutes old is still accepted (clock drift, retries)', async () => {
    h = await start();
    const c = client('plaintext');
    const { path, body } = c.buildRequest(c.textXml(OPENID, 'hi', '1'), { timestamp: NOW / 1000 - 240 });
    expect((await post(h, path, body)).status).toBe(200);
  });
});

const XXE = '<?xml version="1.0"?>\n<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n' +
  '<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[u]]></FromUserName><CreateTime>1</CreateTime>' +
  '<MsgType><![CDATA[text]]></MsgType><Content>&xxe;</Content><MsgId>1</MsgId></xml>';
const LOL = ['<!DOCTYPE lolz [<!ENTITY lol "lol">',
  ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
  ']><xml><ToUserName>gh</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime>',
  '<MsgType>text</MsgType><Content>&lol9;</Content><MsgId>1</MsgId></xml>'].join('\n');

describe('hostile or broken XML: 400, logged at warn with the reason', () => {
  it.each([
    ['XXE', XXE, /DOCTYPE/],
    ['billion laughs', LOL, /DOCTYPE/],
    ['malformed XML', '<xml><ToUserName>gh</FromUserName></xml>', /malformed/],
    ['JSON instead of XML', '{"MsgType":"text"}', /malformed/],
    ['a message without MsgType', '<xml><ToUserName>gh</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime></xml>', /MsgType/],
  ])('%s (plaintext mode)', async (_name, body, reason) => {
    h = await start();
    const { path } = client('plaintext').buildRequest(client('plaintext').textXml(OPENID, 'x', '1'));
    const res = await post(h, path, body);
    expect(res.status).toBe(400);
    expect(h.calls).toEqual([]);
    expect(warnings(h).some((l) => reason.test(String(l.reason)))).toBe(true);
    expect(errors(h)).toEqual([]);
  });

  it.each([['XXE', XXE], ['billion laughs', LOL]])('%s inside a signed safe-mode envelope', async (_name, inner) => {
    h = await start();
    const c = client('safe');
    const { path, body } = c.buildRequest(c.textXml(OPENID, 'x', '1'));
    // keep the signed query, replace the envelope with a hostile one
    expect((await post(h, path, inner)).status).toBe(400);
    expect((await post(h, path, body.replace('<xml>', '<!DOCTYPE x [<!ENTITY e "e">]><xml>'))).status).toBe(400);
    expect(h.calls).toEqual([]);
  });
});

describe('body size cap', () => {
  it('refuses a body over the cap with 413 (Content-Length known)', async () => {
    h = await start({ maxBodyBytes: 1024 });
    const c = client('plaintext');
    const { path, body } = c.buildRequest(c.textXml(OPENID, 'x'.repeat(2000), '1'));
    expect((await post(h, path, body)).status).toBe(413);
    expect(h.calls).toEqual([]);
  });

  it('refuses 64 KiB + 1 by default', async () => {
    h = await start();
    const c = client('plaintext');
    const { path, body } = c.buildRequest(c.textXml(OPENID, 'x'.repeat(64 * 1024), '1'));
    expect((await post(h, path, body)).status).toBe(413);
    expect(h.calls).toEqual([]);
  });

  it('refuses a chunked body (no Content-Length) once it passes the cap', async () => {
    h = await start({ maxBodyBytes: 1024 });
    const c = client('plaintext');
    const { path } = c.buildRequest(c.textXml(OPENID, 'x', '1'));
    const url = new URL(h.base + path);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { 'content-type': 'text/xml' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 8; i++) req.write('<xml>'.padEnd(512, ' '));
      req.end();
    });
    expect(status).toBe(413);
    expect(h.calls).toEqual([]);
  });
});
