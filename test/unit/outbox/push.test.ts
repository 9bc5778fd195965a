import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWechatTokenStore } from '../../../src/channels/wechat-official/access-token.js';
import {
  createWechatPushSender, customerServiceParts, DeliveryQuotaExceeded, DeliveryWindowClosed, WechatApiError,
} from '../../../src/channels/wechat-official/push.js';
import { useTestDatabase } from '../../helpers/db.js';
import { startFakeWechatApi, type FakeWechatApi } from '../../helpers/fake-wechat-api.js';

describe('WeChat customer-service push sender', () => {
  useTestDatabase('wx_push');
  let api: FakeWechatApi;
  beforeAll(async () => {
    api = await startFakeWechatApi();
  });
  afterAll(() => api.close());
  const sender = () => createWechatPushSender({ apiBase: api.url, tokenStore: createWechatTokenStore({ apiBase: api.url, appId: 'wx_push', appSecret: 's' }) });

  it('posts one text message per part with the access token in the query', async () => {
    await sender().push('openid-1', { parts: ['第一段', '第二段'] });
    const sends = api.calls.filter((c) => c.path === '/cgi-bin/message/custom/send');
    expect(sends.map((c) => c.body)).toEqual([
      { touser: 'openid-1', msgtype: 'text', text: { content: '第一段' } },
      { touser: 'openid-1', msgtype: 'text', text: { content: '第二段' } },
    ]);
    expect(sends[0]?.query.access_token).toMatch(/^TOKEN_/);
  });

  it('maps 45015, 45047 and other errcodes to typed errors', async () => {
    api.failNext({ errcode: 45015 }, { errcode: 45047 }, { errcode: 40003 });
    const s = sender();
    await expect(s.push('u', { parts: ['x'] })).rejects.toBeInstanceOf(DeliveryWindowClosed);
    await expect(s.push('u', { parts: ['x'] })).rejects.toBeInstanceOf(DeliveryQuotaExceeded);
    await expect(s.push('u', { parts: ['x'] })).rejects.toBeInstanceOf(WechatApiError);
  });

  it('cuts parts over 2048 bytes, whole characters only', () => {
    const parts = customerServiceParts({ parts: ['短', '办'.repeat(1000)] });
    expect(parts[0]).toBe('短');
    expect(parts.slice(1).join('')).toBe('办'.repeat(1000));
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(2048);
  });
});
