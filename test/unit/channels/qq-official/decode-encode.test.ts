import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeQqMessage, parseQqMessageEvent, parseQqPayload } from '../../../../src/channels/qq-official/decode.js';
import { encodeQqReply, qqSendPath } from '../../../../src/channels/qq-official/encode.js';
import { PayloadError } from '../../../../src/core/errors.js';
import { textReply } from '../../../../src/core/message.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/qq/${name}`, import.meta.url));

function decode(name: string) {
  const payload = parseQqPayload(fixture(name));
  const event = parseQqMessageEvent(payload);
  if (!event) throw new Error('not a message event');
  return decodeQqMessage(event, payload);
}

describe('QQ decode', () => {
  it('decodes a C2C message with d.id as the dedup key', () => {
    const m = decode('c2c-message.json');
    expect(m).toMatchObject({
      channel: 'qq',
      messageId: 'ROBOT1.0_.b6nx.CVryAO0nR58RXuU6SC.m92gc19j02qKqdm8ek!',
      userId: 'E4F4AEA33253A2797FB897C50B81D7ED',
      kind: 'text',
      text: '低保怎么申请',
    });
    expect(m.groupId).toBeUndefined();
    expect(m.sentAt.toISOString()).toBe('2023-11-06T05:37:18.000Z');
  });

  it('trims the leading space a group @-message keeps and sets the group', () => {
    const m = decode('group-at-message.json');
    expect(m.text).toBe('村务公开在哪里看');
    expect(m.userId).toBe('E4F4AEA33253A2797FB897C50B81D7ED');
    expect(m.groupId).toBe('C9F778FE6ADF9D1D1DBE395BF744A33A');
  });

  it('marks an attachment-only message as media', () => {
    expect(decode('c2c-image.json')).toMatchObject({ kind: 'media', mediaType: 'image', text: '' });
  });

  it('ignores other dispatches and rejects non-payloads', () => {
    expect(parseQqMessageEvent(parseQqPayload('{"op":0,"t":"FRIEND_ADD","d":{}}'))).toBeUndefined();
    expect(() => parseQqPayload('not json')).toThrow(PayloadError);
    expect(() => parseQqPayload('{"d":{}}')).toThrow(PayloadError);
    expect(() => parseQqMessageEvent(parseQqPayload('{"op":0,"t":"C2C_MESSAGE_CREATE","d":{"content":"x"}}'))).toThrow(PayloadError);
  });
});

describe('QQ encode', () => {
  it('numbers parts with msg_seq from the first free seq and skips blank parts', () => {
    const target = { kind: 'group' as const, groupOpenid: 'G1', msgId: 'M1' };
    expect(encodeQqReply(target, textReply('一', ' ', '二'), 3)).toEqual([
      { content: '一', msg_type: 0, msg_id: 'M1', msg_seq: 3 },
      { content: '二', msg_type: 0, msg_id: 'M1', msg_seq: 4 },
    ]);
    expect(qqSendPath(target)).toBe('/v2/groups/G1/messages');
    expect(qqSendPath({ kind: 'c2c', openid: 'U/1', msgId: 'M' })).toBe('/v2/users/U%2F1/messages');
  });
});
