import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bearerMatches, oneBotSignature, verifyOneBotSignature } from '../../../../src/channels/onebot/crypto.js';
import { escapeCqParam, escapeCqText, parseCqString, toCqString } from '../../../../src/channels/onebot/cq-code.js';
import { asMessageEvent, decodeOneBotMessage, parseOneBotEvent } from '../../../../src/channels/onebot/decode.js';
import { quickOperation, sendActions } from '../../../../src/channels/onebot/encode.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/onebot/${name}`, import.meta.url));
const vectors = JSON.parse(fixture('vectors.json').toString('utf8')) as {
  rfc2202: { key: string; data: string; expected: string };
  selfGenerated: { secret: string; event: unknown; expectedHeader: string };
};

function decode(name: string) {
  const event = asMessageEvent(parseOneBotEvent(fixture(name)));
  return event && decodeOneBotMessage(event);
}

describe('OneBot X-Signature', () => {
  it('RFC 2202 HMAC-SHA1 test case 2', () => {
    expect(oneBotSignature(vectors.rfc2202.key, vectors.rfc2202.data)).toBe(`sha1=${vectors.rfc2202.expected}`);
  });

  it('self-generated vector: the spec sample event, compact as NapCat sends it', () => {
    const raw = Buffer.from(JSON.stringify(vectors.selfGenerated.event));
    expect(oneBotSignature(vectors.selfGenerated.secret, raw)).toBe(vectors.selfGenerated.expectedHeader);
    expect(verifyOneBotSignature(vectors.selfGenerated.secret, raw, vectors.selfGenerated.expectedHeader)).toBe(true);
    expect(verifyOneBotSignature(vectors.selfGenerated.secret, Buffer.from(JSON.stringify(vectors.selfGenerated.event, null, 1)), vectors.selfGenerated.expectedHeader)).toBe(false);
    expect(verifyOneBotSignature('other', raw, vectors.selfGenerated.expectedHeader)).toBe(false);
    expect(verifyOneBotSignature(vectors.selfGenerated.secret, raw, undefined)).toBe(false);
    expect(verifyOneBotSignature(vectors.selfGenerated.secret, raw, 'sha1=')).toBe(false);
  });

  it('Bearer tokens: constant-time match; an empty configured or presented token admits nobody', () => {
    expect(bearerMatches('t0k', 'Bearer t0k')).toBe(true);
    expect(bearerMatches('t0k', 'Bearer t0K')).toBe(false);
    expect(bearerMatches('t0k', undefined)).toBe(false);
    expect(bearerMatches(undefined, 'Bearer ')).toBe(false);
    expect(bearerMatches('', 'Bearer ')).toBe(false);
    expect(bearerMatches('t0k', 'Bearer ')).toBe(false);
  });
});

describe('CQ codes', () => {
  it('parses codes and unescapes text and parameters', () => {
    expect(parseCqString('a&amp;b&#91;1&#93;[CQ:at,qq=10001000][CQ:share,url=http://x/?a=1&#44;2,title=t]c')).toEqual([
      { type: 'text', data: { text: 'a&b[1]' } },
      { type: 'at', data: { qq: '10001000' } },
      { type: 'share', data: { url: 'http://x/?a=1,2', title: 't' } },
      { type: 'text', data: { text: 'c' } },
    ]);
  });

  it('escapes text and parameter values, and round-trips', () => {
    expect(escapeCqText('[&],')).toBe('&#91;&amp;&#93;,');
    expect(escapeCqParam('a,b=[c]')).toBe('a&#44;b=&#91;c&#93;');
    const s = '补贴&#91;2024&#93;[CQ:face,id=178]&amp;';
    expect(toCqString(parseCqString(s))).toBe(s);
  });
});

describe('OneBot decode', () => {
  it('a private CQ-string message, escapes undone and CQ codes dropped from the text', () => {
    expect(decode('private-string.json')).toMatchObject({
      channel: 'onebot', messageId: '10001000:12', userId: '12345678', kind: 'text', text: '请问[低保]怎么申请&要带什么',
    });
  });

  it('a private array message', () => {
    const m = decode('private-array.json');
    expect(m).toMatchObject({ messageId: '10001000:-2147483001', text: '医保报销比例是多少' });
    expect(m?.groupId).toBeUndefined();
    expect(m?.sentAt.getTime()).toBe(1715000000_000);
  });

  it('group messages that @ the bot, in either shape, with the mention stripped', () => {
    expect(decode('group-at-string.json')).toMatchObject({ groupId: '87654321', userId: '12345678', text: '村里的补贴,发了吗' });
    expect(decode('group-at-array.json')).toMatchObject({ groupId: '87654321', text: '我要投诉' });
  });

  it('ignores group messages without an @ to the bot (also @all), and non-messages', () => {
    expect(decode('group-no-at.json')).toBeUndefined();
    expect(asMessageEvent(parseOneBotEvent(fixture('meta-heartbeat.json')))).toBeUndefined();
  });

  it('an image-only message is media', () => {
    expect(decode('private-image.json')).toMatchObject({ kind: 'media', mediaType: 'image', text: '' });
  });
});

describe('OneBot encode', () => {
  it('quick operation @-mentions the sender in groups only; actions carry plain text', () => {
    expect(quickOperation('好的', { kind: 'private', userId: '1' })).toEqual({ reply: '好的', auto_escape: true, at_sender: false });
    expect(quickOperation('好的', { kind: 'group', groupId: '2' })).toEqual({ reply: '好的', auto_escape: true, at_sender: true });
    expect(sendActions({ kind: 'group', groupId: '87654321' }, ['a[1]', ' '])).toEqual([
      { action: 'send_group_msg', params: { group_id: 87654321, message: 'a[1]', auto_escape: true } },
    ]);
  });
});
