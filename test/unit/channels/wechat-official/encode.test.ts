import { describe, expect, it } from 'vitest';
import { textReply } from '../../../../src/core/message.js';
import { encodeReply, packParts, PASSIVE_REPLY_MAX_BYTES } from '../../../../src/channels/wechat-official/encode.js';
import { parseWechatXml } from '../../../../src/channels/wechat-official/xml.js';

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
const inbound = { userId: 'oUser', accountId: 'gh_account' };

describe('encodeReply', () => {
  it('swaps the user fields and writes CreateTime in seconds', () => {
    const { xml, overflow } = encodeReply(textReply('你好'), inbound, 1_714_036_504_999);
    expect(xml).toBe(
      '<xml><ToUserName><![CDATA[oUser]]></ToUserName><FromUserName><![CDATA[gh_account]]></FromUserName>' +
        '<CreateTime>1714036504</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content></xml>',
    );
    expect(overflow).toEqual([]);
  });

  it('joins parts with a blank line', () => {
    const { xml } = encodeReply(textReply('一', '二'), inbound, 0);
    expect(parseWechatXml(xml ?? '').Content).toBe('一\n\n二');
  });

  it('says nothing for an empty reply', () => {
    expect(encodeReply({ parts: [] }, inbound, 0)).toEqual({ xml: undefined, overflow: [] });
  });
});

describe('packParts: the 2048-byte passive-reply cap', () => {
  const part = '条'.repeat(300); // 900 bytes

  it('keeps whole parts while they fit and hands back the rest in order', () => {
    const { first, rest } = packParts([part, `${part}2`, `${part}3`]);
    expect(first).toBe(`${part}\n\n${part}2`);
    expect(bytes(first)).toBeLessThanOrEqual(PASSIVE_REPLY_MAX_BYTES);
    expect(rest).toEqual([`${part}3`]);
  });

  it('cuts a single oversized part on a character boundary, at a line break when there is one', () => {
    const long = `${'政'.repeat(500)}\n${'策'.repeat(500)}`; // 3001 bytes
    const { first, rest } = packParts([long, 'next']);
    expect(first).toBe('政'.repeat(500));
    expect(rest).toEqual(['策'.repeat(500), 'next']);
  });

  it('cuts a part with no line break at the last whole character under the cap', () => {
    const { first, rest } = packParts(['字'.repeat(1000)]);
    expect(bytes(first)).toBe(2046);
    expect(first + (rest[0] ?? '')).toBe('字'.repeat(1000));
  });
});
