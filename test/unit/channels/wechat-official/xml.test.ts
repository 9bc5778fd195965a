import { describe, expect, it } from 'vitest';
import { PayloadError } from '../../../../src/core/errors.js';
import { cdata, parseWechatXml } from '../../../../src/channels/wechat-official/xml.js';

describe('parseWechatXml', () => {
  it('keeps CDATA verbatim: spaces, newlines, leading zeros, markup-looking text', () => {
    const f = parseWechatXml(`<xml><Content><![CDATA[  0012 <b>&amp;\n ]]></Content><N>0012</N></xml>`);
    expect(f.Content).toBe('  0012 <b>&amp;\n ');
    expect(f.N).toBe('0012');
  });

  it('keeps a 64-bit MsgId as a string', () => {
    const f = parseWechatXml('<xml><MsgId>6054768590064713728</MsgId></xml>');
    expect(f.MsgId).toBe('6054768590064713728');
  });

  it('accepts MsgID as MsgId', () => {
    expect(parseWechatXml('<xml><MsgID>42</MsgID></xml>').MsgId).toBe('42');
  });

  it.each([
    ['DOCTYPE', '<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><Content>&x;</Content></xml>'],
    ['lower-case doctype', '<!doctype xml><xml><a>1</a></xml>'],
    ['ENTITY alone', '<xml><!ENTITY a "b"><a>1</a></xml>'],
    ['malformed', '<xml><a>1</b></xml>'],
    ['unclosed', '<xml><a>1</a>'],
    ['not XML', 'hello'],
    ['JSON', '{"ToUserName":"x"}'],
    ['wrong root', '<root><a>1</a></root>'],
    ['prototype pollution', '<xml><__proto__><polluted>1</polluted></__proto__></xml>'],
  ])('refuses %s', (_name, body) => {
    expect(() => parseWechatXml(body)).toThrow(PayloadError);
  });
});

describe('cdata', () => {
  it('cannot be closed early by the text it wraps', () => {
    const text = 'a]]><injected/>b';
    const f = parseWechatXml(`<xml><Content>${cdata(text)}</Content></xml>`);
    expect(f.Content).toBe(text);
    expect(f.injected).toBeUndefined();
  });
});
