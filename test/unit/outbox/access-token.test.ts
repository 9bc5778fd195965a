import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWechatTokenStore, WechatAccessTokenModel } from '../../../src/channels/wechat-official/access-token.js';
import { createWechatPushSender } from '../../../src/channels/wechat-official/push.js';
import { useTestDatabase } from '../../helpers/db.js';
import { startFakeWechatApi, type FakeWechatApi } from '../../helpers/fake-wechat-api.js';

describe('WeChat access token shared through the database', () => {
  useTestDatabase('wx_token');
  let api: FakeWechatApi;
  beforeAll(async () => {
    api = await startFakeWechatApi();
  });
  afterAll(() => api.close());
  beforeEach(() => {
    api.calls.length = 0;
    api.expiresIn = 7200;
  });
  const store = (appId: string, now?: () => number) => createWechatTokenStore({ apiBase: api.url, appId, appSecret: 's3cret', now, pollMs: 10 });

  it('fetches the token once for two stores (two instances) asking at the same time', async () => {
    const a = store('wx_shared');
    const b = store('wx_shared');
    const tokens = await Promise.all([a.get(), b.get(), a.get(), b.get()]);
    expect(new Set(tokens).size).toBe(1);
    expect(api.tokenCalls()).toHaveLength(1);
    expect(api.tokenCalls()[0]?.body).toEqual({ grant_type: 'client_credential', appid: 'wx_shared', secret: 's3cret', force_refresh: false });
    expect(await WechatAccessTokenModel.findById('wx_shared').lean()).toMatchObject({ token: tokens[0] });
    // a third instance started later reads it from the database
    expect(await store('wx_shared').get()).toBe(tokens[0]);
    expect(api.tokenCalls()).toHaveLength(1);
  });

  it('refreshes five minutes before expiry', async () => {
    let t = Date.parse('2026-03-02T08:00:00Z');
    const s = store('wx_early', () => t);
    await s.get();
    t += (7200 - 301) * 1000;
    await s.get();
    expect(api.tokenCalls()).toHaveLength(1);
    t += 2000; // now inside the last five minutes
    await s.get();
    expect(api.tokenCalls()).toHaveLength(2);
  });

  it('40001 on a send → the token is refreshed once (for both instances) and the send retried', async () => {
    const a = store('wx_revoked');
    const b = store('wx_revoked');
    const first = await a.get();
    expect(await b.get()).toBe(first);
    api.revoke(first);
    const sendA = createWechatPushSender({ apiBase: api.url, tokenStore: a });
    const sendB = createWechatPushSender({ apiBase: api.url, tokenStore: b });
    await Promise.all([sendA.push('u-a', { parts: ['甲'] }), sendB.push('u-b', { parts: ['乙'] })]);
    const sent = api.sent().filter((m) => m.touser === 'u-a' || m.touser === 'u-b');
    expect(sent.map((m) => m.content).sort()).toEqual(['乙', '甲']);
    expect(new Set(sent.map((m) => m.token)).size).toBe(1);
    expect(sent[0]?.token).not.toBe(first);
    expect(api.tokenCalls()).toHaveLength(2);
  });

  it('surfaces a refused stable_token call as an error', async () => {
    const bad = createWechatTokenStore({ apiBase: `${api.url}/nowhere`, appId: 'wx_bad', appSecret: 'x', pollMs: 10 });
    await expect(bad.get()).rejects.toThrow(/stable_token/);
    // the lease was given back: a later call tries again at once
    await expect(bad.get()).rejects.toThrow(/stable_token/);
  });
});
