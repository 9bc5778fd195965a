import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/config.js';
import { ConfigError } from '../../../../src/core/errors.js';
import { silentLogger } from '../../../../src/logger.js';
import { createWechatAdapter, wechatConfig } from '../../../../src/channels/wechat-official/index.js';

const handleTurn = async () => ({ reply: { parts: [] }, duplicate: false });

describe('createWechatAdapter', () => {
  it('is off (undefined) without WECHAT_TOKEN', () => {
    expect(createWechatAdapter(loadConfig({}), { handleTurn, logger: silentLogger })).toBeUndefined();
  });

  it('mounts GET and POST /wechat when WECHAT_TOKEN is set', () => {
    const router = createWechatAdapter(loadConfig({ WECHAT_TOKEN: 't' }), { handleTurn, logger: silentLogger });
    const routes = router?.stack.map((l) => `${l.methods.join(',')} ${String(l.path)}`) ?? [];
    expect(routes.some((r) => r.includes('GET') && r.endsWith('/wechat'))).toBe(true);
    expect(routes.some((r) => r.includes('POST') && r.endsWith('/wechat'))).toBe(true);
  });

  it('refuses an EncodingAESKey without the AppID it must check', () => {
    const config = loadConfig({ WECHAT_TOKEN: 't', WECHAT_ENCODING_AES_KEY: 'A'.repeat(43) });
    expect(() => wechatConfig(config)).toThrow(ConfigError);
  });

  it('carries token, AppID and key into the slice', () => {
    const config = loadConfig({ WECHAT_TOKEN: 't', WECHAT_APPID: 'wx1', WECHAT_ENCODING_AES_KEY: 'A'.repeat(43) });
    expect(wechatConfig(config)).toEqual({ token: 't', appId: 'wx1', encodingAesKey: 'A'.repeat(43), allowPlaintext: false });
  });
});
