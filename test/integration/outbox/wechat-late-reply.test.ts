import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWechatTokenStore } from '../../../src/channels/wechat-official/access-token.js';
import { createWechatAdapter } from '../../../src/channels/wechat-official/index.js';
import { createWechatPushSender } from '../../../src/channels/wechat-official/push.js';
import { loadConfig } from '../../../src/config.js';
import type { TurnHandler } from '../../../src/core/channel.js';
import { TurnRecordModel } from '../../../src/conversations/turn-record.model.js';
import { silentLogger } from '../../../src/logger.js';
import { Outbox, OutboxMessageModel, outboxOverflow } from '../../../src/outbox/index.js';
import { useTestDatabase } from '../../helpers/db.js';
import { startFakeWechatApi, type FakeWechatApi } from '../../helpers/fake-wechat-api.js';
import { WechatTestClient } from '../../helpers/wechat-client.js';
import { eventually } from '../../unit/outbox/fixtures.js';

const TOKEN = 'latetoken';
const APPID = 'wx_late_reply';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const DEADLINE_MS = 300;

/** Records the turn as the pipeline would (the 48 h window opens here), then takes deadline + 1 s. */
const slowTurn: TurnHandler = async (m, { deadlineMs }) => {
  await TurnRecordModel.create({
    channel: m.channel, messageId: m.messageId, userId: m.userId, conversationKey: `${m.channel}:${m.userId}`, kind: m.kind,
    text: m.text, sentAt: m.sentAt, receivedAt: new Date(), status: 'processing',
  });
  await new Promise((r) => setTimeout(r, deadlineMs + 1000));
  return { reply: { parts: [`关于“${m.text}”：请带身份证、户口本到镇便民服务中心办理。`] }, duplicate: false };
};

describe('WeChat 5-second rule: a late turn answers `success` and the reply is pushed via the outbox', () => {
  useTestDatabase('outbox_late');
  let api: FakeWechatApi;
  let outbox: Outbox;
  let server: Server;
  let base = '';
  const wx = new WechatTestClient({ token: TOKEN, appId: APPID, aesKey: AES_KEY, mode: 'safe' });

  beforeAll(async () => {
    api = await startFakeWechatApi();
    outbox = new Outbox({ logger: silentLogger, intervalMs: 50 });
    const tokenStore = createWechatTokenStore({ apiBase: api.url, appId: APPID, appSecret: 'secret' });
    outbox.register(createWechatPushSender({ apiBase: api.url, tokenStore }));
    outbox.start();
    const config = loadConfig({ WECHAT_TOKEN: TOKEN, WECHAT_APPID: APPID, WECHAT_ENCODING_AES_KEY: AES_KEY, WECHAT_API_BASE: api.url });
    const router = createWechatAdapter(config, { handleTurn: slowTurn, logger: silentLogger, deadlineMs: DEADLINE_MS, onOverflow: outboxOverflow(outbox, 'wechat') });
    if (!router) throw new Error('adapter should be on');
    server = new Koa().use(router.routes()).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await outbox.stop();
    await new Promise<void>((r) => server.close(() => r()));
    await api.close();
  });

  it('answers success in time, then the customer-service API receives the reply once', async () => {
    const req = wx.buildRequest(wx.textXml('openid-late', '残疾证怎么办', '77001'));
    const res = await fetch(base + req.path, { method: 'POST', body: req.body });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('success');
    expect(api.sent()).toEqual([]); // nothing pushed before the turn finished

    const [msg] = await api.waitForSent(1);
    expect(msg).toMatchObject({ touser: 'openid-late', content: '关于“残疾证怎么办”：请带身份证、户口本到镇便民服务中心办理。' });
    await eventually(async () => (await OutboxMessageModel.findOne({ userId: 'openid-late' }).lean())?.status === 'sent');
    const row = await OutboxMessageModel.findOne({ userId: 'openid-late' }).lean();
    expect(row).toMatchObject({ channel: 'wechat', status: 'sent', meta: { reason: 'overflow' } });
    await outbox.drain();
    expect(api.sent()).toHaveLength(1);
  });
});
