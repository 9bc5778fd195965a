import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWechatAdapter, loadWechatMenu } from '../../../src/channels/wechat-official/index.js';
import { loadConfig } from '../../../src/config.js';
import type { InboundMessage } from '../../../src/core/message.js';
import { silentLogger } from '../../../src/logger.js';
import { WechatTestClient } from '../../helpers/wechat-client.js';

const TOKEN = 'menutoken';

describe('WeChat menu clicks and voice through the adapter', () => {
  const seen: InboundMessage[] = [];
  let server: Server;
  let base = '';
  const wx = new WechatTestClient({ token: TOKEN });
  beforeAll(async () => {
    const router = createWechatAdapter(loadConfig({ WECHAT_TOKEN: TOKEN }), {
      logger: silentLogger,
      menuTexts: loadWechatMenu(path.resolve('templates/menu.yml')),
      replayGuard: async () => 'fresh', // no database here; the nonce store is tested in test/integration/security
      handleTurn: async (m) => {
        seen.push(m);
        return { reply: { parts: [`${m.kind}:${m.text}`] }, duplicate: false };
      },
    });
    if (!router) throw new Error('adapter should be on');
    const app = new Koa().use(router.routes());
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  async function send(xml: string): Promise<string | undefined> {
    const req = wx.buildRequest(xml);
    const res = await fetch(base + req.path, { method: 'POST', body: req.body });
    return wx.parseReply(await res.text())?.content;
  }

  it('every button in templates/menu.yml has a key and a text', () => {
    const menu = loadWechatMenu(path.resolve('templates/menu.yml'));
    expect([...menu.keys()]).toEqual(expect.arrayContaining(['MENU_POLICY', 'MENU_CHECKLIST', 'MENU_COMPLAINT', 'MENU_PROGRESS', 'MENU_HANDOFF']));
  });

  it('a mapped CLICK becomes a text turn with the menu text', async () => {
    expect(await send(wx.eventXml('openid-m', 'CLICK', 'MENU_COMPLAINT'))).toBe('text:我要投诉');
    expect(await send(wx.eventXml('openid-m', 'CLICK', 'MENU_HANDOFF', 1_700_000_001))).toBe('text:人工');
    const last = seen.at(-1);
    expect(last).toMatchObject({ kind: 'text', text: '人工', event: { name: 'CLICK', key: 'MENU_HANDOFF' }, messageId: 'openid-m:1700000001:CLICK' });
  });

  it('an unknown key and other events stay events', async () => {
    expect(await send(wx.eventXml('openid-m', 'CLICK', 'MENU_UNKNOWN'))).toBe('event:');
    expect(await send(wx.eventXml('openid-m', 'subscribe'))).toBe('event:');
  });

  it('voice with Recognition is a text turn; without it, media', async () => {
    expect(await send(wx.voiceXml('openid-v', 'media-1', '9001', '低保怎么申请'))).toBe('text:低保怎么申请');
    expect(await send(wx.voiceXml('openid-v', 'media-2', '9002', ''))).toBe('media:');
  });
});
