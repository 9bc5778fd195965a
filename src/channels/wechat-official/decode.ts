import { PayloadError } from '../../core/errors.js';
import type { InboundMessage } from '../../core/message.js';
import type { WechatFields } from './types.js';
import { requireField, requireId, textField } from './xml.js';

/**
 * WeChat XML fields → InboundMessage.
 * Dedup ids: messages carry MsgId (a 64-bit integer, kept as a string); events have none and the
 * docs say to dedup them by FromUserName + CreateTime. The event name is appended so that two
 * different events in the same second stay distinct; WeChat's retries repeat all three.
 * https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Passive_user_reply_message.html
 */
export function decodeInbound(fields: WechatFields): InboundMessage {
  const userId = requireId(fields, 'FromUserName');
  requireId(fields, 'ToUserName');
  const createTime = requireField(fields, 'CreateTime');
  if (!/^\d{1,12}$/.test(createTime)) throw new PayloadError('CreateTime is not an integer');
  const msgType = requireField(fields, 'MsgType');
  const base = { channel: 'wechat' as const, userId, sentAt: new Date(Number(createTime) * 1000), raw: fields };

  if (msgType === 'event') {
    const name = requireId(fields, 'Event');
    const key = textField(fields, 'EventKey');
    return {
      ...base,
      messageId: `${userId}:${createTime}:${name}`,
      kind: 'event',
      text: '',
      event: key === undefined || key === '' ? { name } : { name, key },
    };
  }

  // an empty MsgId would make every such message one dedup key: refused as bad input (issue 13)
  const messageId = requireId(fields, 'MsgId');
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

/** Menu CLICK EventKey → the text the click stands for (templates/menu.yml). */
export type MenuClickTexts = ReadonlyMap<string, string>;

/**
 * A CLICK on a menu button whose EventKey is mapped becomes a text message with that text, so the
 * pipeline treats it exactly as if the villager had typed it; other events pass through unchanged.
 * The dedup id stays the event's (FromUserName:CreateTime:CLICK), and `event` stays for the trace.
 */
export function applyMenuClick(message: InboundMessage, menu: MenuClickTexts): InboundMessage {
  if (message.kind !== 'event' || message.event?.name !== 'CLICK' || message.event.key === undefined) return message;
  const text = menu.get(message.event.key);
  return text === undefined ? message : { ...message, kind: 'text', text };
}
