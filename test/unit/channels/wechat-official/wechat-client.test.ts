import { describe, expect, it } from 'vitest';
import { decodeAesKey } from '../../../../src/channels/wechat-official/crypto.js';
import { passiveTextXml, sealReply } from '../../../../src/channels/wechat-official/encode.js';
import { WechatTestClient } from '../../../helpers/wechat-client.js';

const opts = { token: 'tok', appId: 'wx0123456789abcdef', aesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR' };
const reply = passiveTextXml({ toUser: 'oUser', fromUser: 'gh_acc', createTime: 1700000000, content: '好' });
const sealed = (receiveId = opts.appId): string =>
  sealReply(reply, { token: opts.token, key: decodeAesKey(opts.aesKey), receiveId, timestamp: '1700000000', nonce: '123' });

describe('WechatTestClient', () => {
  const client = new WechatTestClient({ ...opts, mode: 'safe' });

  it('reads plain and encrypted replies alike', () => {
    expect(client.parseReply(reply)).toMatchObject({ content: '好', toUser: 'oUser', fromUser: 'gh_acc', createTime: 1700000000, encrypted: false });
    expect(client.parseReply(sealed())).toMatchObject({ content: '好', encrypted: true });
    expect(client.parseReply('success')).toBeUndefined();
  });

  it('refuses a reply whose MsgSignature was tampered with, or sealed for another AppID', () => {
    expect(() => client.parseReply(sealed().replace(/<MsgSignature><!\[CDATA\[\w/, '<MsgSignature><![CDATA[z'))).toThrow();
    expect(() => client.parseReply(sealed('wxother'))).toThrow();
  });

  it('builds a safe-mode body with nothing but ToUserName and Encrypt', () => {
    const { body, query } = client.buildRequest(client.textXml('oUser', 'secret text', '1'));
    expect(body).not.toContain('secret text');
    expect(body).toMatch(/^<xml>\n<ToUserName>.*<\/ToUserName>\n<Encrypt>.*<\/Encrypt>\n<\/xml>$/s);
    expect(query).toMatchObject({ encrypt_type: 'aes', openid: 'oUser' });
  });

  it('builds a compatible-mode body with the plaintext and Encrypt', () => {
    const c = new WechatTestClient({ ...opts, mode: 'compatible' });
    const { body } = c.buildRequest(c.textXml('oUser', 'visible', '1'));
    expect(body).toContain('visible');
    expect(body).toContain('<Encrypt>');
  });
});
