import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PayloadError } from '../../../../src/core/errors.js';
import { decodeInbound } from '../../../../src/channels/wechat-official/decode.js';
import { parseWechatXml } from '../../../../src/channels/wechat-official/xml.js';

const fixture = (name: string): string => readFileSync(new URL(`../../../fixtures/wechat/${name}`, import.meta.url), 'utf8');
const decode = (name: string) => decodeInbound(parseWechatXml(fixture(name)));
const OPENID = 'oyORnuP8q7ou2gfYjqLzSIWZf0rs';

describe('decodeInbound over captured payloads', () => {
  it('text: MsgId as string, Content verbatim, CreateTime in seconds', () => {
    const m = decode('text.xml');
    expect(m).toMatchObject({
      channel: 'wechat', kind: 'text', userId: OPENID,
      messageId: '24543416328911234567', text: '  低保怎么申请？  ',
    });
    expect(m.sentAt.toISOString()).toBe(new Date(1714036504 * 1000).toISOString());
    expect((m.raw as Record<string, unknown>).ToUserName).toBe('gh_10f6c3c3ac5a');
  });

  it('voice with Recognition is treated as text', () => {
    expect(decode('voice-recognition.xml')).toMatchObject({ kind: 'text', text: '腾讯微信团队', messageId: '1234567890123456' });
  });

  it('voice with an empty Recognition is media', () => {
    expect(decode('voice-empty-recognition.xml')).toMatchObject({ kind: 'media', mediaType: 'voice', text: '', messageId: '24168732490123456' });
  });

  it('voice without Recognition (and spelled MsgID) is media', () => {
    expect(decode('voice-no-recognition.xml')).toMatchObject({ kind: 'media', mediaType: 'voice', messageId: '24168732490123457' });
  });

  it('image is media', () => {
    expect(decode('image.xml')).toMatchObject({ kind: 'media', mediaType: 'image', text: '', messageId: '1234567890123456' });
  });

  it('subscribe: an event deduplicated by FromUserName + CreateTime', () => {
    const m = decode('subscribe.xml');
    expect(m).toMatchObject({ kind: 'event', text: '', event: { name: 'subscribe' } });
    expect(m.messageId).toBe(`${OPENID}:123456789:subscribe`);
    expect(m.event?.key).toBeUndefined();
  });

  it('CLICK carries its EventKey', () => {
    expect(decode('click.xml')).toMatchObject({ kind: 'event', event: { name: 'CLICK', key: 'MENU_POLICY' }, messageId: `${OPENID}:123456790:CLICK` });
  });

  it('SCAN carries its scene', () => {
    expect(decode('scan.xml')).toMatchObject({ kind: 'event', event: { name: 'SCAN', key: 'SCENE_VALUE' } });
  });

  it('the plaintext half of a compatible-mode envelope decodes too', () => {
    expect(decode('compatible-envelope.xml')).toMatchObject({ kind: 'text', text: 'abcdteT', messageId: '6054768590064713728' });
  });

  it.each(['location', 'link', 'video', 'shortvideo'])('%s is media', (type) => {
    const xml = `<xml><ToUserName>gh</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>${type}</MsgType><MsgId>7</MsgId></xml>`;
    expect(decodeInbound(parseWechatXml(xml))).toMatchObject({ kind: 'media', mediaType: type, messageId: '7' });
  });

  it.each([
    ['no FromUserName', '<xml><ToUserName>gh</ToUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>x</Content><MsgId>1</MsgId></xml>'],
    ['no MsgId on a text', '<xml><ToUserName>gh</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>x</Content></xml>'],
    ['non-numeric CreateTime', '<xml><ToUserName>gh</ToUserName><FromUserName>u</FromUserName><CreateTime>soon</CreateTime><MsgType>text</MsgType><Content>x</Content><MsgId>1</MsgId></xml>'],
    ['an event without Event', '<xml><ToUserName>gh</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType></xml>'],
    ['a safe-mode envelope (nothing but Encrypt)', fixture('safe-envelope.xml')],
  ])('refuses %s', (_name, xml) => {
    expect(() => decodeInbound(parseWechatXml(xml))).toThrow(PayloadError);
  });
});
