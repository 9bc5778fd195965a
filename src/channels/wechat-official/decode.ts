import { PayloadError } from '../../core/errors.js';
import type { InboundMessage } from '../../core/message.js';
import type { WechatFields } from './types.js';
import { requireField, textField } from './xml.js';

/**
 * WeChat XML fields → InboundMessage.
 * Dedup ids: messages carry MsgId (a 64-bit integer, kept as a string); events have none and the
 * docs say to dedup them by FromUserName + CreateTime. The event name is appended so that two
 * different events in the same second stay distinct; WeChat's retries repeat all three.
 * https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Passive_user_reply_message.html
 */
export function decodeInbound(fields: WechatFields): InboundMessage {
  const userId = requireField(fields, 'FromUserName');
  requireField(fields, 'ToUserName');
  const createTime = requireField(fields, 'CreateTime');
  if (!/^\d{1,12}$/.test(createTime)) throw new PayloadError('CreateTime is not an integer');
  const msgType = requireField(fields, 'MsgType');
  const base = { channel: 'wechat' as const, userId, sentAt: new Date(Number(createTime) * 1000), raw: fields };

  if (msgType === 'event') {
    const name = requireField(fields, 'Event');
    const key = textField(fields, 'EventKey');
    return {
      ...base,
      messageId: `${userId}:${createTime}:${name}`,
      kind: 'event',
      text: '',
      event: key === undefined || key === '' ? { name } : { name, key },
    };
  }

  const messageId = requireField(fields, 'MsgId');
  if (msgType === 'text') {
    return { ...base, messageId, kind: 'text', text: requireField(fields, 'Content') };
  }
  // Recognition is optional and often empty since WeChat wound speech recognition down.
  const recognition = msgType === 'voice' ? textField(fields, 'Recognition') : undefined;
  if (recognition !== undefined && recognition.trim() !== '') {
    return { ...base, messageId, kind: 'text', text: recognition };
  }
  return { ...base, messageId, kind: 'media', text: '', mediaType: msgType };
}
